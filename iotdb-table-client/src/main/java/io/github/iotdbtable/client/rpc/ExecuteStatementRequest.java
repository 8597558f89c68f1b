package io.github.iotdbtable.client.rpc;

/**
 * A statement to execute ({@code TSExecuteStatementReq}).
 *
 * @param sessionId the session
 * @param statement the SQL text
 * @param statementId the statement id of the session
 * @param fetchSize the number of rows the first answer may carry
 * @param timeoutMillis the query timeout in milliseconds, 0 for the server's default
 */
public record ExecuteStatementRequest(long sessionId, String statement, long statementId, int fetchSize,
		long timeoutMillis) {
}
