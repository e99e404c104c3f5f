// Pure helpers of the public benign importers (scripts/security-training/sources/benign-*.ts).
import { describe, expect, it } from 'vitest';
import { detectLang, guessKind, isTemplateOnly, parseJsonLines, withInput } from '../../scripts/security-training/sources/benign-lib.js';

describe('benign importer helpers', () => {
  it('tells a role request from a story or a question that merely mentions a role', () => {
    expect(guessKind('I want you to act as a philosophy teacher.')).toBe('persona');
    expect(guessKind('Be my Spanish conversation partner for ten minutes.')).toBe('persona');
    expect(guessKind('我希望你充当雅思写作考官')).toBe('persona');
    expect(guessKind('Quiero que actúes como profesor de historia.')).toBe('persona');
    expect(guessKind('Write a story about a Jedi who speaks and acts like a 1920s aristocrat')).toBe('instruction');
    expect(guessKind('请总结一篇长篇小说的内容，并包括主要角色的名称。')).toBe('instruction');
    expect(guessKind('What is the capital of Peru?')).toBe('question');
  });

  it('marks output constraints, code and pasted passages', () => {
    expect(guessKind('Is the sky blue? Answer only yes or no.')).toBe('constrained');
    expect(guessKind('List three fruits in JSON format.')).toBe('constrained');
    expect(guessKind('Write about the sea without using any commas.')).toBe('constrained');
    expect(guessKind('Convert this string to uppercase in Python')).toBe('instruction');
    expect(guessKind('Why does this fail?\n```js\nconst x = 1;\nx = 2;\n```')).toBe('code');
    expect(guessKind(`Summarise:\n${'A long paragraph of prose. '.repeat(40)}`)).toBe('document');
    expect(guessKind('hello there', 'chat')).toBe('chat');
  });

  it('tags languages by script, and Latin text only when it is clearly not English', () => {
    expect(detectLang('请用三句话总结这段文字。')).toBe('zh');
    expect(detectLang('以下の映画のレビューを評価してください。')).toBe('ja');
    expect(detectLang('최근 하와이로 다녀온 여행에 대해 써줘')).toBe('ko');
    expect(detectLang('Кратко перескажи этот текст в трёх предложениях.')).toBe('ru');
    expect(detectLang('Do you know why cats always rub up against your legs?')).toBe('en');
    expect(detectLang('Digital transformation project plan example')).toBe('en');
    expect(
      detectLang('Verfassen Sie einen ansprechenden Reiseblog-Beitrag über eine kürzliche Reise nach Hawaii, in dem Sie kulturelle Erlebnisse hervorheben.'),
    ).toBe('de');
  });

  it('drops placeholder-only rows and joins instruction with input', () => {
    expect(isTemplateOnly('${prompt}')).toBe(true);
    expect(isTemplateOnly('[insert your text here] {{input}}')).toBe(true);
    expect(isTemplateOnly('Translate ${text} into French')).toBe(false);
    expect(withInput('Fix the grammar.', 'me and him goes')).toBe('Fix the grammar.\n\nme and him goes');
    expect(withInput('Tell a joke.', '<noinput>')).toBe('Tell a joke.');
  });

  it('reads hand-edited JSON lines: broken records, CRLF, invalid escapes', () => {
    const text = '{"a": "one"}\r\n{"a": "two\r\nlines"}\r\n{"a": "tab\\8"}\n\n{"a": "ok \\\\ \\n"}\n';
    expect(parseJsonLines<{ a: string }>(text).map((r) => r.a)).toEqual(['one', 'two\nlines', 'tab\\8', 'ok \\ \n']);
    expect(() => parseJsonLines('{"a": ')).toThrow(/unparseable/);
  });
});
