// Validates AsyncAPI documents with the official parser; exits non-zero on any error.
import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';

const parser = new Parser();
let failed = false;
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await parser.parse(await readFile(file, 'utf8'), { source: file });
  const errors = diagnostics.filter((d) => d.severity === 0);
  for (const d of diagnostics) {
    console.log(`${file}: ${['error', 'warning', 'info', 'hint'][d.severity]} ${d.code} ${d.message} at ${d.path.join('.')}`);
  }
  if (!document || errors.length > 0) {
    failed = true;
  } else {
    console.log(`${file}: valid AsyncAPI ${document.version()}`);
  }
}
process.exit(failed ? 1 : 0);
