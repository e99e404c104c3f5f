declare module 'cluster-key-slot' {
  /** The Redis Cluster hash slot of a key (honours {hash tags}). */
  export default function calculateSlot(key: string): number;
}
