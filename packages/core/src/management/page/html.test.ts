import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the characters that could end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml('plain text é')).toBe('plain text é');
  });
});

describe('html tag', () => {
  it('escapes interpolated text but keeps SafeHtml and joins lists', () => {
    const name = '<script>alert(1)</script>';
    const out = html`<td>${name}</td>${new SafeHtml('<b>ok</b>')}${[html`<i>${'&'}</i>`, 'x']}`;
    expect(out.value).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><b>ok</b><i>&amp;</i>x');
    expect(html`${null}${undefined}`.value).toBe('');
    expect(String(out)).toBe(out.value);
  });
});
