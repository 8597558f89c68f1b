package io.github.iotdbtable.spring.core;

import io.github.iotdbtable.client.TableSession;
import org.jspecify.annotations.Nullable;

/**
 * Work done with a borrowed session, given back to the pool afterwards by
 * {@link TableTemplate#execute(SessionCallback)}.
 *
 * @param <T> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface SessionCallback<T extends @Nullable Object> {

	T doInSession(TableSession session);

}
