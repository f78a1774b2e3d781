//! Command-line arguments.
//!
//! Help texts carry both languages because `--help` is read before anyone picks a locale.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// shelfcheck: 按类目元数据快照校验电商商品 / validate marketplace listings against category metadata snapshots.
#[derive(Debug, Parser)]
#[command(name = "shelfcheck", version, max_term_width = 100)]
pub struct Cli {
    /// 消息语言 / language of messages [default: $SHELFCHECK_LOCALE, else zh-CN]
    #[arg(long, global = true, value_enum)]
    pub locale: Option<LocaleArg>,

    /// 何时使用颜色 / when to colour the output (auto: only on a terminal without NO_COLOR)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 校验商品文件、目录或标准输入的 NDJSON / validate listing files, folders or NDJSON on stdin
    Validate(ValidateArgs),
    /// 快照文件操作 / snapshot file operations
    #[command(subcommand)]
    Snapshot(SnapshotCommand),
    /// 打印文件格式的 JSON Schema / print the JSON Schema of a file format
    Schema(SchemaArgs),
    /// 列出所选销售属性值的全部 SKU 组合 / list every SKU combination of the chosen sale values
    Skus(SkusArgs),
    /// 从平台接口抓取类目元数据, 生成快照 / fetch category metadata from a platform's API into a snapshot
    #[command(subcommand)]
    Fetch(FetchCommand),
}

#[derive(Debug, Subcommand)]
pub enum FetchCommand {
    /// 淘宝开放平台 (TOP); 凭据: SHELFCHECK_TAOBAO_APP_KEY / _APP_SECRET / _SESSION
    /// / Taobao Open Platform (TOP); credentials: SHELFCHECK_TAOBAO_APP_KEY / _APP_SECRET / _SESSION
    Taobao(TopFetchArgs),
    /// 天猫 (TOP, type=2), 凭据同上 / Tmall (TOP, type=2), same credentials
    Tmall(TopFetchArgs),
    /// 1688 类目 (tmapi); 凭据: SHELFCHECK_TMAPI_API_TOKEN / 1688 categories (tmapi); credential: SHELFCHECK_TMAPI_API_TOKEN
    #[command(name = "1688")]
    Alibaba1688(AlibabaFetchArgs),
    /// 微信小程序类目; 凭据: SHELFCHECK_WECHAT_ACCESS_TOKEN
    /// / WeChat mini program categories; credential: SHELFCHECK_WECHAT_ACCESS_TOKEN
    Wechat(WechatFetchArgs),
}

/// Options every fetch shares. Credentials come from environment variables (or `<NAME>_FILE`,
/// a file holding the value), never from arguments: process lists show arguments.
#[derive(Debug, clap::Args)]
pub struct CommonFetchArgs {
    /// 写出的快照文件 / snapshot file to write
    #[arg(short, long, value_name = "OUT", required_unless_present = "cache")]
    pub output: Option<PathBuf>,

    /// 快照缓存目录: 未过期时直接使用, 刷新失败或不完整时保留旧快照
    /// / snapshot cache folder: a fresh copy is used as is; a failed or partial refresh keeps the previous one
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,

    /// 缓存有效期 (小时) / cache time-to-live in hours
    #[arg(long, value_name = "HOURS", default_value_t = 24.0, requires = "cache")]
    pub ttl: f64,

    /// 忽略未过期的缓存, 重新抓取 / fetch even when the cached copy is fresh
    #[arg(long, requires = "cache")]
    pub force: bool,

    /// 将每次调用录制到 NDJSON 文件 (不含密钥), 可用 `snapshot import` 离线重建
    /// / record every exchange to an NDJSON file (no secrets), for `snapshot import`
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// 任一类目失败即中止 (默认跳过并列出) / abort on the first category that fails (default: skip and list it)
    #[arg(long)]
    pub strict: bool,

    /// 接口地址 (测试用; 仅此处允许 http) / API address (for tests; plain http allowed only here)
    #[arg(long, value_name = "URL")]
    pub gateway: Option<String>,

    /// 每秒请求数 (0: 不限) / requests per second (0: unlimited)
    #[arg(long, value_name = "N", default_value_t = 5.0)]
    pub rps: f64,

    /// 最大并发请求数 / requests in flight at once
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,

    /// 每次调用的最多尝试次数 / attempts per call at most
    #[arg(long, value_name = "N")]
    pub attempts: Option<u32>,

    /// 不显示进度条 / no progress bars
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, clap::Args)]
pub struct TopFetchArgs {
    #[command(flatten)]
    pub common: CommonFetchArgs,

    /// 签名方法 / signing method
    #[arg(long, value_enum, default_value_t = SignMethodArg::Hmac)]
    pub sign_method: SignMethodArg,

    /// 只抓取该类目及其下级 / only this category and everything below it
    #[arg(long, value_name = "CID", conflicts_with = "leaves")]
    pub subtree: Option<i64>,

    /// 只抓取这些叶子类目 / only these leaf categories
    #[arg(long, value_name = "CID,CID", value_delimiter = ',')]
    pub leaves: Vec<i64>,

    /// 同时抓取卖家授权范围 (需要 SHELFCHECK_TAOBAO_SESSION) / also fetch the seller's scope (needs SHELFCHECK_TAOBAO_SESSION)
    #[arg(long)]
    pub seller_scope: bool,

    /// 抓取 --leaves 各类目的发布规则 (规则 XML), 而不是类目属性
    /// / fetch the publish schema (rule XML) of each of --leaves instead of their properties
    #[arg(long, value_enum, value_name = "KIND", requires = "leaves", conflicts_with_all = ["subtree", "seller_scope"])]
    pub schema: Option<SchemaArg>,

    /// 商品发布规则所针对的产品 (SPU) ID / the product (SPU) id an item schema is for
    #[arg(long, value_name = "ID", requires = "schema")]
    pub product_id: Option<i64>,
}

/// Which publish schema `fetch taobao|tmall --schema` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaArg {
    /// tmall.item.add.schema.get
    ItemAdd,
    /// tmall.product.add.schema.get
    ProductAdd,
    /// tmall.product.match.schema.get
    ProductMatch,
    /// alibaba.item.publish.schema.get
    ItemPublish,
}

#[derive(Debug, clap::Args)]
pub struct AlibabaFetchArgs {
    #[command(flatten)]
    pub common: CommonFetchArgs,

    /// 只抓取该类目及其下级 (默认: 全部一级类目) / only this category and below (default: every first-level category)
    #[arg(long, value_name = "CID", conflicts_with = "attributes")]
    pub root: Option<i64>,

    /// 改用 1688 官方接口, 抓取这些叶子类目及其属性 (凭据: SHELFCHECK_1688_APP_KEY / _APP_SECRET, 可选 _ACCESS_TOKEN)
    /// / use the official 1688 API to fetch these leaf categories and their attributes
    /// (credentials: SHELFCHECK_1688_APP_KEY / _APP_SECRET, optionally _ACCESS_TOKEN)
    #[arg(long, value_name = "CID,CID", value_delimiter = ',')]
    pub attributes: Vec<i64>,
}

#[derive(Debug, clap::Args)]
pub struct WechatFetchArgs {
    #[command(flatten)]
    pub common: CommonFetchArgs,

    /// 同时抓取账号的类目审核状态与额度 / also fetch the account's category audit state and quota
    #[arg(long, conflicts_with = "shop")]
    pub account_state: bool,

    /// 改为抓取微信小店类目 (三级类目与叶子类目详情) / fetch the WeChat shop's categories instead (the three-level tree and each leaf's detail)
    #[arg(long)]
    pub shop: bool,

    /// 只抓取这些叶子类目的详情 (默认: 全部叶子) / only these leaves' details (default: every leaf)
    #[arg(long, value_name = "CID,CID", value_delimiter = ',', requires = "shop")]
    pub shop_leaves: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignMethodArg {
    Md5,
    Hmac,
    #[value(name = "hmac-sha256")]
    HmacSha256,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// 元数据快照文件 (默认: 内置演示快照) / metadata snapshot file (default: the embedded demo snapshot)
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,

    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// 缺少的 SKU 组合算作警告还是错误 / whether missing SKU combinations are warnings or errors
    #[arg(long, value_enum, default_value_t = SeverityArg::Warning)]
    pub missing_combinations: SeverityArg,

    /// 不检查卖家授权范围 / do not check the seller scope (authorised categories and brands)
    #[arg(long)]
    pub no_seller_scope: bool,

    /// 规则数据不完整的类目算作错误 (不再检查) 还是警告 (按现有数据检查)
    /// / whether a category with incomplete metadata is an error (not checked further) or a warning (checked on what is there)
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    pub incomplete_metadata: SeverityArg,

    /// 每份报告最多列出的问题数, 其余合计为一条 ISSUES_TRUNCATED / most issues one report lists; the rest are counted in one ISSUES_TRUNCATED
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_issues: u32,

    /// NDJSON 输入的并行线程数, 0 到 256 (0: 全部 CPU 核) / worker threads for NDJSON input, 0 to 256 (0: every core)
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0, value_parser = parse_jobs)]
    pub jobs: usize,

    /// 文件 (*.json 一个商品, *.ndjson/*.jsonl 每行一个)、目录 (递归) 或 `-` (标准输入 NDJSON)
    /// / files (*.json: one listing, *.ndjson/*.jsonl: one per line), folders (recursive) or `-` (NDJSON on stdin)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The most worker threads `--jobs` accepts. Each costs a stack and chunks of listings in
/// flight; past the core count they only add memory, and an unchecked number (`-j 30000`,
/// `-j 18446744073709551615`) would exhaust it before any listing is read.
pub const MAX_JOBS: usize = 256;

/// `--jobs N`: a whole number from 0 to [`MAX_JOBS`]; the message carries both languages, as
/// argument errors are printed before the locale is known.
fn parse_jobs(arg: &str) -> Result<usize, String> {
    match arg.trim().parse::<u64>() {
        Ok(n) if n <= MAX_JOBS as u64 => Ok(n as usize),
        _ => Err(format!(
            "线程数应为 0 到 {MAX_JOBS} 之间的整数 (0: 全部 CPU 核) / the number of threads must be a whole number from 0 to {MAX_JOBS} (0: every core)"
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// 解析并编译快照, 打印统计与完整性问题 / parse and compile a snapshot, print its counts and integrity problems
    Check(SnapshotCheckArgs),
    /// 比较两个快照, 并找出因变化而出错的商品 / compare two snapshots and find the listings a change breaks
    Diff(SnapshotDiffArgs),
    /// 离线从录制的接口响应构建快照 / build a snapshot offline from recorded API responses
    Import(SnapshotImportArgs),
    /// 把快照编译为可快速加载的二进制形式 / compile a snapshot into the binary form that loads in milliseconds
    Compile(SnapshotCompileArgs),
    /// 按叶子类目切分快照, 每个类目一个小文件加索引 / cut a snapshot into one small file per leaf category plus an index
    Shard(SnapshotShardArgs),
}

#[derive(Debug, clap::Args)]
pub struct SnapshotShardArgs {
    /// JSON 快照文件 / the JSON snapshot file
    #[arg(value_name = "SNAPSHOT")]
    pub input: PathBuf,

    /// 输出目录 (写入分片和 index.json) / the folder to write the shards and index.json into
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SnapshotCompileArgs {
    /// JSON 快照文件 / the JSON snapshot file
    #[arg(value_name = "SNAPSHOT")]
    pub input: PathBuf,

    /// 输出的二进制快照 (validate --snapshot 可直接使用) / the binary snapshot to write (usable with validate --snapshot)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SnapshotDiffArgs {
    /// 旧快照 / the old snapshot
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// 新快照 / the new snapshot
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// 用两个快照分别校验这些商品 (文件、目录或 `-`) / listings to check against both snapshots (files, folders or `-`)
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub listings: Vec<PathBuf>,

    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,

    /// 不检查卖家授权范围 / do not check the seller scope
    #[arg(long)]
    pub no_seller_scope: bool,
}

#[derive(Debug, clap::Args)]
pub struct SnapshotImportArgs {
    /// 平台 / platform
    #[arg(value_enum)]
    pub platform: ImportPlatform,

    /// 录制文件 (NDJSON, 每行一次调用) 或销售属性文件 / recordings (NDJSON, one exchange per line) or sale-property files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// 输出的快照文件 / the snapshot file to write
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    /// 遇到无法使用的响应即失败 (默认跳过并列出) / fail on an unusable response (default: skip it and list it)
    #[arg(long)]
    pub strict: bool,

    /// 有调用失败时仍写入快照 (相关类目标记为不完整); 默认不写入并以 1 退出
    /// / write the snapshot even when calls failed (their categories marked incomplete); by default nothing is written and the exit code is 1
    #[arg(long, conflicts_with = "strict")]
    pub allow_partial: bool,

    /// 写入快照头部的生成时间 (默认不写, 以便重复导入结果逐字节相同)
    /// / `built_at` to write in the header (default: none, so that re-imports are byte-identical)
    #[arg(long, value_name = "RFC3339")]
    pub built_at: Option<String>,

    /// 写入快照头部的来源说明 / `source` to write in the header
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
}

/// Platforms whose recordings can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportPlatform {
    Taobao,
    Tmall,
    #[value(name = "1688")]
    Alibaba1688,
    Wechat,
}

#[derive(Debug, clap::Args)]
pub struct SnapshotCheckArgs {
    /// 快照文件 / snapshot file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// 文件格式 (不给 --category 时) / file format (without --category)
    #[arg(value_enum, required_unless_present = "category", conflicts_with = "category")]
    pub kind: Option<SchemaKind>,

    /// 导出该叶子类目商品的 JSON Schema (draft 2020-12) / export the JSON Schema (draft 2020-12) of listings of this leaf category
    #[arg(long, value_name = "ID", allow_negative_numbers = true)]
    pub category: Option<i64>,

    /// 元数据快照文件, JSON 或二进制 (默认: 内置演示快照) / metadata snapshot file, JSON or binary (default: the embedded demo snapshot)
    #[arg(long, value_name = "FILE", requires = "category")]
    pub snapshot: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SkusArgs {
    /// 元数据快照文件 (默认: 内置演示快照) / metadata snapshot file (default: the embedded demo snapshot)
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,

    /// 叶子类目 id / leaf category id
    #[arg(long, value_name = "ID", allow_negative_numbers = true)]
    pub category: i64,

    /// 销售属性及其取值, 如 `1627207:28321,28320` 或 `尺码:M,L` (可重复)
    /// / a sale property and its values, e.g. `1627207:28321,28320` or `尺码:M,L` (repeatable)
    #[arg(long = "select", value_name = "PID:VID,VID", required = true)]
    pub selections: Vec<String>,

    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 终端可读 / readable in a terminal
    Human,
    /// 每行一个报告 (NDJSON) / one report per line (NDJSON)
    Json,
    /// JUnit XML, 供 CI 使用 / JUnit XML for CI
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimpleFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LocaleArg {
    /// 简体中文
    #[value(name = "zh-CN", alias = "zh")]
    ZhCn,
    /// English
    #[value(name = "en")]
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Warning,
    Error,
}

impl From<SeverityArg> for shelfcheck_core::Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Warning => shelfcheck_core::Severity::Warning,
            SeverityArg::Error => shelfcheck_core::Severity::Error,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Snapshot,
    Listing,
    Report,
}

impl SchemaKind {
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Snapshot => "snapshot",
            SchemaKind::Listing => "listing",
            SchemaKind::Report => "report",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
