import { fingerprintAll, type Location } from '../src/index.js';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';

/** Fingerprinting cost: it runs once per finding in every producer. */
const suite: BenchSuite = {
  name: 'core-fingerprint',
  title: 'Core: finding fingerprints',
  async run() {
    const inputs = Array.from({ length: 100_000 }, (_, i) => ({
      ruleId: `rule.${i % 40}`,
      location: { kind: 'file', path: `src/file-${i % 500}.ts` } as Location,
      evidence: `const value${i % 97} = model.output.text; eval(value${i % 97});`,
    }));
    const start = process.cpuUsage();
    fingerprintAll(inputs);
    const cpu = process.cpuUsage(start);
    const micros = (cpu.user + cpu.system) / inputs.length;
    return markdownTable(
      ['operation', 'findings', 'CPU µs per finding'],
      [['fingerprintAll', inputs.length, fmt(micros, 2)]],
    );
  },
};
export default suite;
