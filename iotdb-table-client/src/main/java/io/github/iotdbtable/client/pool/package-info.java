/**
 * The mechanics of the session pool, free of sessions and I/O: a bag of slots that
 * borrowers take and give back, with waiters and hand-off; the pool's clock; the
 * housekeeping of idle, old and leaked entries.
 *
 * <p>
 * Internal: nothing here is part of the client's public API. The pool that users see,
 * {@link io.github.iotdbtable.client.TableSessionPool}, builds on these; nothing here
 * knows about sessions, the wire or the pool's users.
 */
@NullMarked
package io.github.iotdbtable.client.pool;

import org.jspecify.annotations.NullMarked;
