package io.github.iotdbtable.spring.core;

import io.github.iotdbtable.client.StatementExecutionException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * The server could not parse or analyse a statement (status 700, 701, 704 or 705).
 *
 * @since 0.1.0
 */
public class BadSqlGrammarException extends InvalidDataAccessResourceUsageException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String sql;

	private final int statusCode;

	public BadSqlGrammarException(String message, @Nullable String sql, StatementExecutionException cause) {
		super(message, cause);
		this.sql = sql;
		this.statusCode = cause.getStatusCode();
	}

	/** The statement the server refused, when known, its passwords masked. */
	public @Nullable String getSql() {
		return this.sql;
	}

	/** The IoTDB status code. */
	public int getStatusCode() {
		return this.statusCode;
	}

}
