// Runs every public attack importer whose repository snapshot is present.
//   npx tsx scripts/security-training/sources/attacks.ts [source ...]
// Snapshots come from the team's fetch tool (see lib.ts `mirror`); an importer whose snapshot is missing
// is skipped with a message, so the corpus builds from whatever has been fetched.
import { mirror, type Snapshot } from './lib.js';
import type { AttackImporter } from './attack-shared.js';
import { jbb } from './attack-jbb.js';
import { gptfuzz } from './attack-gptfuzz.js';
import { purplellama } from './attack-purplellama.js';
import { bipia } from './attack-bipia.js';
import { pap } from './attack-pap.js';
import { fuzzyai } from './attack-fuzzyai.js';
import { multijail } from './attack-multijail.js';
import { ailuminate } from './attack-ailuminate.js';
import { promptmap } from './attack-promptmap.js';
import { payloads } from './attack-payloads.js';
import { dan } from './attack-dan.js';
import { adaptive } from './attack-adaptive.js';
import { tensortrust } from './attack-tensortrust.js';
import { redinstruct } from './attack-redinstruct.js';
import { easyjailbreak } from './attack-easyjailbreak.js';
import { pallms } from './attack-pallms.js';
import { xsafety } from './attack-xsafety.js';
import { flipattack } from './attack-flipattack.js';
import { llmguard } from './attack-llmguard.js';
import { llmjailbreaks } from './attack-llmjailbreaks.js';

const IMPORTERS: AttackImporter[] = [
  jbb,
  gptfuzz,
  purplellama,
  bipia,
  pap,
  fuzzyai,
  multijail,
  ailuminate,
  promptmap,
  payloads,
  dan,
  adaptive,
  tensortrust,
  redinstruct,
  easyjailbreak,
  pallms,
  xsafety,
  flipattack,
  llmguard,
  llmjailbreaks,
];

const only = new Set(process.argv.slice(2));
let total = 0;
let failed = 0;
for (const imp of IMPORTERS) {
  if (only.size && !only.has(imp.name)) continue;
  const snaps = imp.repos.map((r) => mirror(r));
  const missing = imp.repos.filter((_, i) => !snaps[i]);
  if (missing.length) {
    console.log(`${imp.name}: skipped, no snapshot of ${missing.join(', ')} (fetch github:${missing[0]})`);
    continue;
  }
  try {
    total += imp.run(snaps as Snapshot[]);
  } catch (err) {
    failed++;
    console.error(`${imp.name}: failed: ${(err as Error).message}`);
  }
}
console.log(`attacks: ${total} rows written${failed ? `, ${failed} importer(s) failed` : ''}`);
process.exitCode = failed ? 1 : 0;
