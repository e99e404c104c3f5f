// The error book's steps: record the mistake, find the student's related notes, store the analysis.
import type { Db } from '../lib/db.js';
import { embeddingSpace, type Embedder } from '../lib/embeddings/index.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import { nearestNodes } from '../lib/knowledge-store.js';
import type { ErrorBookInput } from '../lib/contracts/knowledge.js';
import type { Writers } from './writers.js';

export interface ErrorBookDeps {
  db: Db;
  embedder: Embedder;
  writers: Writers;
  ragMinSimilarity: number;
}

export function createErrorBookActivities({ db, embedder, writers, ragMinSimilarity }: ErrorBookDeps) {
  return {
    async recordMistake(input: { entry: ErrorBookInput; workflowId: string }): Promise<void> {
      const e = input.entry;
      await writers.errorBook.write([
        {
          id: e.entryId,
          user_id: e.userId,
          subject: e.subject ?? null,
          question: e.question,
          wrong_answer: e.wrongAnswer,
          correct_answer: e.correctAnswer,
          workflow_id: input.workflowId,
        },
      ]);
    },

    /** The user's notes closest to the mistake (at most three), for the student to revisit. */
    async findRelatedNodes(input: { userId: string; text: string }): Promise<string[]> {
      const [embedding] = await embedder.embed([input.text]);
      return (await nearestNodes(db, { userId: input.userId, space: embeddingSpace(embedder) }, embedding!, 3, ragMinSimilarity)).map((n) => n.id);
    },

    async saveAnalysis(input: {
      userId: string;
      entryId: string;
      status: 'analysed' | 'blocked';
      analysis: string | null;
      relatedNodeIds: string[];
    }): Promise<void> {
      const matched = await writers.errorBookResults.update([
        {
          id: input.entryId,
          user_id: input.userId,
          status: input.status,
          analysis: input.analysis,
          related_node_ids: input.relatedNodeIds,
          analysed_at: new Date(),
        },
      ]);
      // recordMistake ran first in the same workflow, so a missing row is a bug, not something to retry.
      if (matched === 0) throw new AppError(ErrorCode.NOT_FOUND, `error-book entry ${input.entryId} is missing`, 500);
    },
  };
}
