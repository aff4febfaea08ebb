/**
 * Source text with syntax highlighting: Prism's tokenizer (TypeScript, TSX, JavaScript, JSX —
 * chosen over shiki for its size, see docs/BENCHMARKS.md) rendered as React elements, never as
 * HTML, so the analyzed code cannot inject anything into the page.
 */
import Prism from 'prismjs';
import 'prismjs/components/prism-typescript';
import 'prismjs/components/prism-jsx';
import 'prismjs/components/prism-tsx';
import { type ReactNode, useMemo } from 'react';

function grammarOf(language: string): Prism.Grammar {
  const languages = Prism.languages;
  if (language === 'tsx') return languages.tsx!;
  if (language === 'jsx') return languages.jsx!;
  if (language === 'javascript') return languages.javascript!;
  return languages.typescript!;
}

function render(tokens: (string | Prism.Token)[], key = 't'): ReactNode[] {
  return tokens.map((token, index) => {
    const id = `${key}.${index}`;
    if (typeof token === 'string') return token;
    const alias = Array.isArray(token.alias) ? token.alias.join(' ') : (token.alias ?? '');
    const content =
      typeof token.content === 'string'
        ? token.content
        : render(Array.isArray(token.content) ? token.content : [token.content], id);
    return (
      <span key={id} className={`token ${token.type} ${alias}`}>
        {content}
      </span>
    );
  });
}

/** Lines of code from `startLine`, highlighted, with line numbers. */
export function SourceView({
  text,
  language,
  startLine,
  testId,
}: {
  text: string;
  language: string;
  startLine: number;
  testId?: string;
}) {
  const highlighted = useMemo(() => render(Prism.tokenize(text, grammarOf(language))), [text, language]);
  const lines = text.split('\n').length;
  return (
    <div className="code" data-testid={testId}>
      <pre className="code-gutter" aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => startLine + i).join('\n')}
      </pre>
      <pre className="code-text">
        <code>{highlighted}</code>
      </pre>
    </div>
  );
}
