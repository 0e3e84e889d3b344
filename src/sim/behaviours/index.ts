/**
 * The behaviours, registered once: the engine finds a node's behaviour here
 * by its kind and nowhere else.
 */
import type { NodeKind } from '../../scenario/kinds';
import { batchBehaviour } from './batch';
import { cacheBehaviour } from './cache';
import { clientBehaviour } from './client';
import { loadBalancerBehaviour } from './loadBalancer';
import { logBehaviour } from './log';
import { queueBehaviour } from './queue';
import { indexBehaviour } from './searchIndex';
import { databaseBehaviour, serviceBehaviour } from './server';
import type { AnyBehaviour } from './types';

export const BEHAVIOURS: Record<NodeKind, AnyBehaviour> = {
  client: clientBehaviour,
  loadBalancer: loadBalancerBehaviour,
  service: serviceBehaviour,
  database: databaseBehaviour,
  cache: cacheBehaviour,
  queue: queueBehaviour,
  index: indexBehaviour,
  batch: batchBehaviour,
  log: logBehaviour,
};

/** The behaviour of a kind; an unknown kind is a bug of the caller (the schema admits only registered kinds). */
export function behaviourOf(kind: string): AnyBehaviour {
  const b = (BEHAVIOURS as Record<string, AnyBehaviour | undefined>)[kind];
  if (b === undefined) throw new Error(`no behaviour is registered for node kind "${kind}"`);
  return b;
}
