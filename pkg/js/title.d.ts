/** Title limits as `catalog.form(id).title` gives them. */
export interface TitleLimits {
  max_chars: number;
  max_bytes: number;
}

/** A title as the platform counts it (bytes: ASCII 1, any other character 2). */
export interface TitleLength {
  /** Characters (code points) of the trimmed title. */
  chars: number;
  /** Platform bytes of the trimmed title. */
  bytes: number;
  maxChars: number;
  maxBytes: number;
  /** `maxBytes - bytes` (negative when over). */
  remaining: number;
  /** Whether the title breaks either limit (what `TITLE_TOO_LONG` reports). */
  over: boolean;
}

/** Counts a title for a live counter; the same count as the engine's `TITLE_TOO_LONG` rule. */
export function titleLength(title: string, limits?: TitleLimits | null): TitleLength;
