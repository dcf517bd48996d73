import { analyzeText } from '../shared/nlu/analyzeText';
import { canonicalTokens } from '../shared/escalation/canonicalTokens';
for (const t of process.argv.slice(2)) console.log(JSON.stringify(canonicalTokens(analyzeText(t)).join(' ')));
