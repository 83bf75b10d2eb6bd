/** The Instagram accounts of the sandbox: the seeded people and any added since, indexed three ways. */
import { newAppScopedId, newIgUserId } from '../ids';
import { ACCOUNT_TYPES, SandboxInputError, type AccountType, type NewPerson, type PersonSnapshot, type SandboxPerson } from '../types';
import { avatarDataUrl } from './avatar';
import { SEEDED_PEOPLE } from './seed';

const USERNAME = /^[a-z0-9._]{1,30}$/;
const NUMERIC_ID = /^[1-9][0-9]{5,24}$/;

export class PeopleDirectory {
  private byId = new Map<string, SandboxPerson>();
  private idsByUsername = new Map<string, string>();
  private appScopedIds = new Set<string>();

  constructor(private readonly changed: () => void) {}

  /** Only the seeded people. */
  reset(): void {
    this.clear();
    for (const person of SEEDED_PEOPLE) this.add(person);
  }

  /** The saved people, plus any seeded person the snapshot does not clash with. */
  restore(people: PersonSnapshot[]): void {
    this.clear();
    for (const person of people) this.add(person);
    for (const seed of SEEDED_PEOPLE) {
      if (!this.byId.has(seed.igUserId) && !this.idsByUsername.has(seed.username) && !this.appScopedIds.has(seed.id)) this.add(seed);
    }
  }

  private clear(): void {
    this.byId.clear();
    this.idsByUsername.clear();
    this.appScopedIds.clear();
  }

  add(input: NewPerson): SandboxPerson {
    const username = input.username;
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      throw new SandboxInputError('username must be 1–30 of a-z, 0-9, dot, underscore');
    }
    if (this.idsByUsername.has(username)) throw new SandboxInputError(`username ${username} is taken`);
    if (!ACCOUNT_TYPES.includes(input.accountType)) throw new SandboxInputError(`accountType must be one of ${ACCOUNT_TYPES.join(', ')}`);
    let igUserId = input.igUserId;
    if (igUserId !== undefined) {
      if (!NUMERIC_ID.test(igUserId)) throw new SandboxInputError('igUserId must be a numeric string');
      if (this.byId.has(igUserId)) throw new SandboxInputError(`igUserId ${igUserId} is taken`);
    } else {
      do igUserId = newIgUserId();
      while (this.byId.has(igUserId));
    }
    let id = input.id;
    if (id !== undefined) {
      if (!NUMERIC_ID.test(id)) throw new SandboxInputError('id must be a numeric string');
      if (this.appScopedIds.has(id)) throw new SandboxInputError(`id ${id} is taken`);
    } else {
      do id = newAppScopedId();
      while (this.appScopedIds.has(id));
    }
    const person: SandboxPerson = {
      igUserId,
      id,
      username,
      name: input.name ?? username,
      accountType: input.accountType,
      profilePictureUrl: avatarDataUrl(username),
      followersCount: input.followersCount ?? 0,
      followsCount: input.followsCount ?? 0,
      mediaCount: input.mediaCount ?? 0,
      tester: input.tester ?? true,
    };
    this.byId.set(igUserId, person);
    this.idsByUsername.set(username, igUserId);
    this.appScopedIds.add(id);
    this.changed();
    return { ...person };
  }

  /** The live record (callers inside the sandbox may update counts on it). */
  get(igUserId: string): SandboxPerson | undefined {
    return this.byId.get(igUserId);
  }

  require(igUserId: string): SandboxPerson {
    const person = this.byId.get(igUserId);
    if (!person) throw new SandboxInputError(`Unknown igUserId ${igUserId}`);
    return person;
  }

  list(): SandboxPerson[] {
    return [...this.byId.values()].map((p) => ({ ...p }));
  }

  get size(): number {
    return this.byId.size;
  }

  setAccountType(igUserId: string, type: AccountType): SandboxPerson {
    if (!ACCOUNT_TYPES.includes(type)) throw new SandboxInputError(`accountType must be one of ${ACCOUNT_TYPES.join(', ')}`);
    const person = this.require(igUserId);
    person.accountType = type;
    this.changed();
    return { ...person };
  }

  snapshot(): PersonSnapshot[] {
    return [...this.byId.values()].map(
      (p): PersonSnapshot => ({
        username: p.username,
        accountType: p.accountType,
        tester: p.tester,
        name: p.name,
        igUserId: p.igUserId,
        id: p.id,
        followersCount: p.followersCount,
        followsCount: p.followsCount,
        mediaCount: p.mediaCount,
      }),
    );
  }
}
