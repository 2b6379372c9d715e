/**
 * Prose needs no markdown renderer (issue 10: the reload paint of a finished run): text without
 * markdown syntax renders as marked would render it, without loading or running marked; anything
 * that could be markdown still goes through it.
 */
import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { renderMarkdownLazily } from '../../../src/components/shared/lazy-markdown.js';
import { until } from '../../support/scripted-stream.js';

/** The markup `template` renders to, without Lit's comment markers. */
function markup(template: unknown): string {
  const host = document.createElement('div');
  render(template, host);
  return host.innerHTML.replace(/<!--[^>]*-->/g, '');
}

const markdownLoaded = () => performance.getEntriesByType('resource').some((e) => /\/markdown\.(ts|js)(\?|$)/.test(new URL(e.name).pathname));

const PROSE = [
  'Done.',
  'The three largest suppliers are in China, Korea and Japan.',
  'First paragraph, with (parentheses), 3.5% and "quotes".\n\nSecond paragraph.\nIts second line.',
  'Windows line ends.\r\n\r\nStill prose.',
];
const MARKDOWN = ['**bold**', '- a list', '1. first', '# Heading', 'see https://example.com', 'a `code` span', 'a | table', '    indented code', 'hard  \nbreak', 'x\n---', 'www.example.com', 'a_b_c', '> quote', 'AT&amp;T'];

describe('renderMarkdownLazily', () => {
  it('renders prose at once without loading the markdown renderer', async () => {
    for (const text of PROSE) expect(markup(renderMarkdownLazily(text)), text).to.not.contain('plain');
    await new Promise((r) => setTimeout(r, 100));
    expect(markdownLoaded(), 'markdown.js was not requested').to.equal(false);
  });

  it('renders prose exactly as marked does', async () => {
    const { renderMarkdown } = await import('../../../src/components/shared/markdown.js');
    for (const text of PROSE) expect(markup(renderMarkdownLazily(text)), JSON.stringify(text)).to.equal(markup(renderMarkdown(text)));
  });

  it('leaves anything that could be markdown to marked', async () => {
    const { renderMarkdown } = await import('../../../src/components/shared/markdown.js');
    for (const text of MARKDOWN) {
      const host = document.createElement('div');
      render(renderMarkdownLazily(text) as TemplateResult, host);
      await until(() => !host.querySelector('.plain'), 3000, `markdown for ${JSON.stringify(text)}`);
      expect(host.innerHTML.replace(/<!--[^>]*-->/g, ''), JSON.stringify(text)).to.equal(markup(renderMarkdown(text)));
    }
  });
});
