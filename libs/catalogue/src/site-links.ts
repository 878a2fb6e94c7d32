/**
 * A page of the public site. Markdown pages are read by agents and link to other markdown
 * pages with absolute URLs; HTML pages are read by people and link to site-relative paths.
 */
export interface SiteLink {
  /** Path of the markdown version, appended to the base URL, e.g. `/models/x.md`. */
  markdownPath: string;
  /** Site-relative href used on HTML pages, e.g. `/models/x`. */
  htmlHref: string;
}

/** A model's own page. */
export function modelLink(id: string): SiteLink {
  const path = `/models/${encodePathSegments(id)}`;
  return { markdownPath: `${path}.md`, htmlHref: path };
}

/** The "All models & pricing" page. */
export const CATALOGUE_LINK: SiteLink = { markdownPath: '/models.md', htmlHref: '/models' };

/**
 * Documentation pages. They are only published as markdown, so HTML pages link to the
 * markdown too rather than to an HTML path that may not exist.
 */
export const QUICKSTART_LINK = documentLink('/docs/quickstart.md');
/** Guide: calling any model with the OpenAI SDK. */
export const OPENAI_SDK_GUIDE_LINK = documentLink('/use-cases/openai-sdk.md');
/** Guide: using a model from Claude Code. */
export const CLAUDE_CODE_GUIDE_LINK = documentLink('/use-cases/claude-code.md');

/** Sign-in page, where API keys are created; it has no markdown version. */
export const LOGIN_LINK: SiteLink = { markdownPath: '/login', htmlHref: '/login' };

/** The base URL without trailing slashes, so `${base}/v1` never has a double slash. */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

function documentLink(path: string): SiteLink {
  return { markdownPath: path, htmlHref: path };
}

/** Model ids may contain `/` (e.g. `vendor/model`); each segment is encoded on its own. */
function encodePathSegments(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}
