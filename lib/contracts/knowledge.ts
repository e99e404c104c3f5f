// The knowledge contract shared by the gateway, the workflows and the activities: ids, inputs and results of
// the knowledge-node, import and error-book jobs. Pure: workflows import it (they must stay deterministic).

/** The schema's vector size (migrations: vector(384)); an embedding model must produce exactly this many. */
export const EMBEDDING_DIMENSIONS = 384;

/** The input guard's length limit for notes: documents, longer than chat messages (the gateway caps their characters). */
export const DOCUMENT_MAX_TOKENS = 50_000;

export const KNOWLEDGE_NODE_WORKFLOW = 'knowledgeNodeWorkflow';
export const KNOWLEDGE_IMPORT_WORKFLOW = 'knowledgeImportWorkflow';
export const ERROR_BOOK_WORKFLOW = 'errorBookAnalysisWorkflow';

export const knowledgeNodeWorkflowId = (userId: string, nodeId: string) => `knowledge:${userId}:${nodeId}`;
export const knowledgeImportWorkflowId = (userId: string, importId: string) => `knowledge-import:${userId}:${importId}`;
export const errorBookWorkflowId = (userId: string, entryId: string) => `error-book:${userId}:${entryId}`;

export interface KnowledgeNodeInput {
  userId: string;
  nodeId: string;
  title: string;
  content: string;
  tags: string[];
  /** A vector the client computed itself; checked against EMBEDDING_DIMENSIONS before the job starts. */
  embedding?: number[];
}

export type KnowledgeNodeResult =
  | { status: 'created'; nodeId: string }
  | { status: 'merged'; nodeId: string; duplicateOf: string; similarity: number }
  | { status: 'blocked'; nodeId: string; reason: string; rules: string[] };

export interface KnowledgeImportInput {
  userId: string;
  importId: string;
  totalLines: number;
}

export interface KnowledgeImportResult {
  importId: string;
  created: number;
  merged: number;
  blocked: number;
}

export interface ErrorBookInput {
  userId: string;
  entryId: string;
  question: string;
  wrongAnswer: string;
  correctAnswer: string;
  subject?: string;
}

export type ErrorBookResult =
  | { status: 'analysed'; entryId: string; relatedNodeIds: string[] }
  | { status: 'blocked'; entryId: string; layer: 'input' | 'quota'; reason: string; rules: string[] };

/** A knowledge node used as context for an answer, as shown to the student in `chat.done`. */
export interface Source {
  id: string;
  title: string;
  similarity: number;
}

/** What a node is embedded as: its title and its content together. */
export const nodeText = (n: { title: string; content: string }) => `${n.title}\n\n${n.content}`;

/** The text of a mistake as one document: what the input guard inspects and the related notes are found by. */
export const mistakeText = (e: Pick<ErrorBookInput, 'question' | 'wrongAnswer' | 'correctAnswer' | 'subject'>) =>
  `${e.subject ? `Subject: ${e.subject}\n` : ''}Question: ${e.question}\nStudent's answer: ${e.wrongAnswer}\nCorrect answer: ${e.correctAnswer}`;
