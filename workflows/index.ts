// Every workflow the workers register. The worker bundles this file; keep it free of side effects.
export { chatTurnWorkflow } from './chat-turn.js';
export { conversationRetentionWorkflow } from './conversation-retention.js';
