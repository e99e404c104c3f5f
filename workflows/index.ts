// Every workflow the workers register. The worker bundles this file; keep it free of side effects.
export { chatTurnWorkflow } from './chat-turn.js';
export { codeRunWorkflow } from './code-run.js';
export { conversationRetentionWorkflow } from './conversation-retention.js';
export { errorBookAnalysisWorkflow } from './error-book.js';
export { knowledgeImportWorkflow } from './knowledge-import.js';
export { knowledgeNodeWorkflow } from './knowledge-node.js';
export { maintenanceWorkflow } from './maintenance.js';
export { monteCarloWorkflow } from './monte-carlo.js';
export { walkForwardWorkflow } from './walk-forward.js';
export { turnSettlementWorkflow } from './turn-settlement.js';
