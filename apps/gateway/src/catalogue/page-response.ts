import type { Response } from 'express';

const MARKDOWN = 'text/markdown; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

/**
 * Sets the content type once the page exists. Setting it up front (Nest's `@Header`) would
 * also label an error's JSON body as markdown, as `res.json` keeps a type already set.
 */
export function asMarkdown(response: Response, page: string): string {
  response.type(MARKDOWN);
  return page;
}

/** As {@link asMarkdown}, for the HTML pages. */
export function asHtml(response: Response, page: string): string {
  response.type(HTML);
  return page;
}
