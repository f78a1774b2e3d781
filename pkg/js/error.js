// The one error class of the package: what every method, the shard loader and the engine
// itself throw on unusable input.

/**
 * An unusable input or call: a stable `code` (none of them is also an issue code), the
 * message in the locale asked for, and `messages` in both.
 *
 * The package may be loaded twice in one program (its ES module and its CommonJS build in
 * Node, or two bundles): `instanceof` holds for an error thrown by any copy, as it is decided
 * by the error's name and code rather than by which copy of the class made it.
 */
export class ShelfcheckError extends Error {
  /**
   * @param {string} code
   * @param {{ "zh-CN": string, en: string }} messages
   * @param {"zh-CN" | "en"} locale the language of `message`
   * @param {Record<string, string>} [params] what the message names
   */
  constructor(code, messages, locale, params) {
    super(locale === "en" ? messages.en : messages["zh-CN"]);
    this.code = code;
    this.messages = messages;
    if (params !== undefined) this.params = params;
  }

  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === "ShelfcheckError" && typeof value.code === "string";
  }
}
// Its name survives minification.
Object.defineProperty(ShelfcheckError, "name", { value: "ShelfcheckError" });
// On the prototype, not per error: the engine's own errors get the name this way too.
Object.defineProperty(ShelfcheckError.prototype, "name", { value: "ShelfcheckError", writable: true, configurable: true });

/** `e`, thrown by the engine as a plain `Error` named `ShelfcheckError`, as one of the class. */
export function adopt(e) {
  if (e instanceof ShelfcheckError && Object.getPrototypeOf(e) === Error.prototype) {
    Object.setPrototypeOf(e, ShelfcheckError.prototype);
  }
  return e;
}
