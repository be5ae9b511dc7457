import { BENIGN_SENTENCES, TOPICS } from './phrases.js';
import type { Random } from './random.js';

/** Wraps a piece of text in a realistic document: where indirect injection hides. */
export type Carrier = (rng: Random, inner: string) => string;

const NAMES = [
  'Alice Martin',
  'Bob Chen',
  'Carla Diaz',
  'Dmitri Ivanov',
  'Emma Okafor',
  'Farid Haddad',
];

function sentences(rng: Random, count: number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(rng.pick(BENIGN_SENTENCES));
  return out.join(' ');
}

export const CARRIERS: Readonly<Record<string, Carrier>> = {
  plain: (_rng, inner) => inner,
  email: (rng, inner) => {
    const name = rng.pick(NAMES);
    return `From: ${name} <${name.split(' ')[0]?.toLowerCase()}@example.com>\nTo: team@example.org\nSubject: Re: ${rng.pick(TOPICS)}\n\nHi all,\n\n${sentences(rng, 2)}\n\n${inner}\n\n${sentences(rng, 1)}\n\nBest regards,\n${name}`;
  },
  markdownTable: (rng, inner) => {
    const rows = ['| Item | Owner | Status |', '| --- | --- | --- |'];
    const position = rng.int(4);
    for (let k = 0; k < 4; k++) {
      rows.push(
        `| ${rng.pick(TOPICS)} | ${rng.pick(NAMES)} | ${k === position ? inner : rng.pick(['done', 'in progress', 'blocked', 'review'])} |`,
      );
    }
    return `${sentences(rng, 1)}\n\n${rows.join('\n')}`;
  },
  csv: (rng, inner) => {
    const rows = ['id,name,comment'];
    const position = rng.int(5);
    for (let k = 0; k < 5; k++)
      rows.push(
        `${k + 1},${rng.pick(NAMES)},"${k === position ? inner.replace(/"/g, "'") : rng.pick(BENIGN_SENTENCES)}"`,
      );
    return rows.join('\n');
  },
  pythonCode: (rng, inner) =>
    `import json\n\n\ndef load_report(path):\n    # ${inner.replace(/\n/g, ' ')}\n    with open(path) as handle:\n        data = json.load(handle)\n    return [row for row in data if row.get("status") == "${rng.pick(['open', 'closed'])}"]\n`,
  jsCode: (rng, inner) =>
    `export function formatTotal(items) {\n  /* ${inner.replace(/\*\//g, '')} */\n  const total = items.reduce((sum, item) => sum + item.price, 0);\n  return \`Total: \${total.toFixed(${rng.int(3)})}\`;\n}\n`,
  webPage: (rng, inner) =>
    `<html><head><title>${rng.pick(TOPICS)}</title></head><body><h1>Welcome</h1><p>${sentences(rng, 2)}</p>${rng.chance(0.5) ? `<div style="display:none">${inner}</div>` : `<!-- ${inner} -->`}<p>${sentences(rng, 1)}</p></body></html>`,
  toolResult: (rng, inner) =>
    JSON.stringify({
      results: [
        { title: rng.pick(TOPICS), snippet: sentences(rng, 1) },
        { title: rng.pick(TOPICS), snippet: inner },
      ],
    }),
  review: (rng, inner) =>
    `Customer review (${1 + rng.int(5)}/5): ${sentences(rng, 1)} ${inner} ${sentences(rng, 1)}`,
  resume: (rng, inner) =>
    `${rng.pick(NAMES)}\nSenior Software Engineer\n\nExperience\n- Led ${rng.pick(TOPICS)} across three teams.\n- ${rng.pick(BENIGN_SENTENCES)}\n\n${inner}\n\nEducation\n- BSc Computer Science`,
};
