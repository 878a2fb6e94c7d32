/**
 * What a model id may look like: the id customers send as `model` and the last segment of
 * the public page URLs. Ids must start and end with a letter or digit (no `.` or `..`
 * segment in a URL), and must not end in `.md`: `/models/x.md` is the markdown page of `x`,
 * so a model named `x.md` would have an HTML page nobody could reach.
 */
export const MODEL_ID_FORMAT = /^(?!.*\.md$)[a-z0-9](?:[a-z0-9._-]{0,126}[a-z0-9])?$/;

/** The rule of {@link MODEL_ID_FORMAT} in words, for error messages. */
export const MODEL_ID_RULE =
  "id must be 1 to 128 lowercase letters, digits, '-', '.' or '_', start and end with a " +
  "letter or digit, and not end in '.md'";
