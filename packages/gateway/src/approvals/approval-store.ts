/** A tool call waiting for a human decision. Arguments are stored redacted. */
export interface Approval {
  id: string;
  status: 'pending' | 'approved' | 'denied' | 'expired';
  createdAt: string;
  expiresAt: string;
  principal: string;
  tenant: string;
  model: string;
  tool: string;
  /** Tool arguments after redaction (never raw secrets). */
  arguments: string;
  /** SHA-256 of the raw arguments, to match a resent call to its approval. */
  argumentsHash: string;
  ruleId: string;
  reason: string;
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

/** Pending approvals shared by gateway replicas (memory for one process, Redis for many). */
export interface ApprovalStore {
  create(approval: Approval): Promise<void>;
  get(id: string): Promise<Approval | undefined>;
  list(): Promise<Approval[]>;
  /** Decides a pending approval; returns undefined when missing, the current state when not pending. */
  decide(
    id: string,
    decision: 'approved' | 'denied',
    by: string,
    note?: string,
  ): Promise<Approval | undefined>;
  close?(): Promise<void>;
}

/** Marks an approval expired when its time has passed (read-time expiry). */
export function withExpiry(approval: Approval, now: number): Approval {
  if (approval.status === 'pending' && Date.parse(approval.expiresAt) <= now) {
    return { ...approval, status: 'expired' };
  }
  return approval;
}

export function memoryApprovalStore(now: () => number = Date.now): ApprovalStore {
  const items = new Map<string, Approval>();
  return {
    create: (a) => {
      items.set(a.id, a);
      return Promise.resolve();
    },
    get: (id) => {
      const a = items.get(id);
      return Promise.resolve(a && withExpiry(a, now()));
    },
    list: () => Promise.resolve([...items.values()].map((a) => withExpiry(a, now()))),
    decide: (id, decision, by, note) => {
      const stored = items.get(id);
      if (!stored) return Promise.resolve(undefined);
      const current = withExpiry(stored, now());
      if (current.status !== 'pending') return Promise.resolve(current);
      const decided: Approval = {
        ...current,
        status: decision,
        decidedBy: by,
        decidedAt: new Date(now()).toISOString(),
        ...(note !== undefined ? { note } : {}),
      };
      items.set(id, decided);
      return Promise.resolve(decided);
    },
  };
}
