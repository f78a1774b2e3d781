#!/usr/bin/env python3
"""Builds the committed seed corpora under fuzz/seeds/<target>/ from the project's fixtures and
the shared recorded data. Deterministic: run again after fixtures change."""
import glob, hashlib, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(root), "shared")
recorded = os.path.join(root, "fixtures", "taobao-sale-props")
out = os.path.join(root, "fuzz", "seeds")


def put(target, data, limit=64 * 1024):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > limit:
        return
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def json_blocks(text):
    """Every balanced {...} block of a document that parses as JSON."""
    i = 0
    while True:
        i = text.find("{", i)
        if i < 0:
            return
        depth, j, in_str, esc = 0, i, False, False
        while j < len(text):
            c = text[j]
            if in_str:
                esc = (c == "\\") and not esc
                if c == '"' and not esc:
                    in_str = False
            elif c == '"':
                in_str = True
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        block = text[i : j + 1]
        try:
            json.loads(block)
            yield block
            i = j + 1
        except ValueError:
            i += 1


demo = open(os.path.join(root, "crates/core/demo/snapshot.json")).read()
put("snapshot_json", demo)
for f in sorted(glob.glob(os.path.join(root, "fixtures/snapshots/*.json"))):
    put("snapshot_json", open(f).read())

listings = []
for f in sorted(glob.glob(os.path.join(root, "fixtures/cases/**/*.json"), recursive=True)):
    try:
        case = json.load(open(f))
    except ValueError:
        continue
    if isinstance(case, dict) and "listing" in case:
        listings.append(json.dumps(case["listing"], ensure_ascii=False))
for f in sorted(glob.glob(os.path.join(root, "examples/listings/*.json"))):
    listings.append(open(f).read())
compact_demo = json.dumps(json.loads(demo), ensure_ascii=False)
for l in listings:
    put("listing_json", l)
    put("compile_validate", compact_demo + "\n" + json.dumps(json.loads(l), ensure_ascii=False))
    props = json.loads(l).get("props")
    if isinstance(props, str):
        put("native_pairs", props)
for s in ["20000:3233;1627207:28321;1627207:28320;", "1:2", "-5:-7;;", "20509-28383", "9223372036854775807:1"]:
    put("native_pairs", s)

for f in sorted(glob.glob(os.path.join(recorded, "*.json")))[:12]:
    d = json.load(open(f))
    put("taobao_response", json.dumps(d["props"], ensure_ascii=False))
    put("taobao_response", json.dumps(d["propvalues"], ensure_ascii=False))
    ex = [
        {"platform": "taobao", "method": "taobao.itemprops.get", "params": {"cid": str(d["cid"])}, "response": d["props"]},
        {"platform": "taobao", "method": "taobao.itempropvalues.get", "params": {"cid": str(d["cid"])}, "response": d["propvalues"]},
    ]
    put("recorded_exchanges", "\n".join(json.dumps(e, ensure_ascii=False) for e in ex) + "\n")
put("taobao_response", '{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count"}}')

# Real XML answers (TOP v1, 2009): child properties and an error envelope. The 178 KB answer of
# every brand's children is over the seed size limit and left out.
child_props = os.path.join(root, "fixtures", "recordings", "taobao-child-props")
for f in sorted(glob.glob(os.path.join(child_props, "taobao.itemprop*.xml"))):
    body = open(f, "rb").read()
    put("taobao_response", body)
    method = os.path.basename(f).split("__")[0]
    ex = {"platform": "taobao", "method": method, "params": {"cid": "1101"}, "response": body.decode("utf-8")}
    put("recorded_exchanges", json.dumps(ex, ensure_ascii=False) + "\n")
# Publish-schema XML: the recorded samples' XML, and the recordings themselves.
for f in sorted(glob.glob(os.path.join(root, "fixtures", "recordings", "tmall-schema", "*.ndjson"))):
    text = open(f, encoding="utf-8").read()
    put("recorded_exchanges", text)
    response = json.loads(text)["response"]
    for member in response.values():
        for value in member.values():
            if isinstance(value, str) and value.lstrip("\ufeff").startswith("<"):
                put("schema_xml", value)

for name, target in [("000", "alibaba_response"), ("001", "wechat_response"), ("002", "wechat_response"), ("003", "taobao_response"), ("004", "onebound_item")]:
    for f in glob.glob(os.path.join(shared, "seeds", name + "_*.txt")):
        for block in json_blocks(open(f).read()):
            put(target, block)
put("wechat_response", '{"errcode":0,"errmsg":"ok","categories":[{"first":1,"first_name":"教育","second":2,"second_name":"培训","audit_status":3}],"limit":5,"quota":4,"category_limit":5}')
put("wechat_response", '{"errcode":45009,"errmsg":"reach max api daily quota limit"}')
put("alibaba_response", '{"code":200,"msg":"success","data":{"id":"1031910","name":"连衣裙","level":2,"parent_id":"10166","has_children":false,"children":[],"path":[{"id":"10166","name":"女装"}]}}')
put("alibaba_response", '{"code":499,"msg":"timeout"}')
for f in sorted(glob.glob(os.path.join(root, "crates/*/tests/**/*.ndjson"), recursive=True)):
    put("recorded_exchanges", open(f, "rb").read())
# The npm package's packed listings: a count byte, slot bytes (0 absent, 1 integer, 2 text,
# 3 list, then the value, length or count), then the text (see crates/hostile packed_listing).
put("packed_listing", bytes([6, 1, 7, 0, 0, 0, 0]))
put("packed_listing", bytes([20, 1, 7, 2, 4, 3, 1, 2, 2, 0, 3, 1, 1, 3, 0, 0, 0, 0, 0]) + "T恤ab12".encode())
put("packed_listing", bytes([18, 1, 5, 0, 0, 3, 1, 3, 1, 1, 1, 0, 1, 2, 0, 0, 2, 5, 1, 3, 0, 0]) + b"59.00")
# The binary form has no text source: the CLI compiles the demo and a fixture snapshot.
import subprocess
for name, src in [("demo", "crates/core/demo/snapshot.json"), ("wechat", "fixtures/snapshots/wechat-account.json")]:
    d = os.path.join(out, "snapshot_binary")
    os.makedirs(d, exist_ok=True)
    subprocess.run(["cargo", "run", "-q", "-p", "shelfcheck", "--", "snapshot", "compile", src, "-o",
                    os.path.join(d, "seed-" + name)], cwd=root, check=True, stdout=subprocess.DEVNULL)
print("seeds:", {t: len(os.listdir(os.path.join(out, t))) for t in sorted(os.listdir(out))})
