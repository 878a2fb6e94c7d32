import { html, jsonForScript, SafeHtml } from './html';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const name = `<script>alert("x")</script>' onmouseover='x`;
    const out = html`<p title="${name}">${name}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x</p>',
    );
  });

  it('inserts nested templates as they are and joins arrays, escaping their strings', () => {
    const rows = ['a&b', '<i>'].map((cell) => html`<td>${cell}</td>`);
    expect(
      html`<tr>
        ${rows}
      </tr>`.value.replace(/\s+/g, ''),
    ).toBe('<tr><td>a&amp;b</td><td>&lt;i&gt;</td></tr>');
  });

  it('renders null, undefined and booleans as nothing, numbers as text', () => {
    expect(html`${null}${undefined}${false}${true}${0}${12.5}`.value).toBe('012.5');
    const shown = false as boolean;
    expect(html`<p>${shown && html`<b>hidden</b>`}</p>`.value).toBe('<p></p>');
  });

  it('does not trust a string that merely looks like markup', () => {
    expect(html`${'<b>x</b>'}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(html`${new SafeHtml('<b>x</b>')}`.value).toBe('<b>x</b>');
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element, and still parses to the same value', () => {
    const value = { label: '</script><script>alert(1)</script>', amp: 'a&b', sep: '\u2028\u2029' };
    const out = jsonForScript(value).value;
    expect(out).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
