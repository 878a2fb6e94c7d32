const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for use in HTML element content and in quoted attribute values.
 *
 * Catalogue text is entered by operators, so it is treated as untrusted: a description
 * containing `<script>` must be shown, never run.
 *
 * @example escapeHtml('<b>"A" & \'B\'</b>') === '&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}
