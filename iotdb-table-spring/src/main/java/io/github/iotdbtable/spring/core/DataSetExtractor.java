package io.github.iotdbtable.spring.core;

import io.github.iotdbtable.client.SessionDataSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole query result into one object; the template closes the data set
 * afterwards.
 *
 * @param <T> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface DataSetExtractor<T extends @Nullable Object> {

	T extractData(SessionDataSet dataSet);

}
