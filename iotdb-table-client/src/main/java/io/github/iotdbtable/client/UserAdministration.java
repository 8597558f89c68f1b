package io.github.iotdbtable.client;

/**
 * User administration that IoTDB 2.0 offers in its tree dialect only, which table-model
 * sessions do not speak.
 *
 * @since 0.1.0
 */
public final class UserAdministration {

	private UserAdministration() {
	}

	/**
	 * Changes the password of the configured user, logging in with the configured one.
	 * Neither password appears in an exception: a refusal names only the status code.
	 * @param config how to reach the server, and as whom
	 * @param newPassword the new password
	 * @throws IllegalArgumentException when the new password is empty or holds a quote or
	 * backslash, before anything is sent
	 * @throws AuthenticationException when the configured user or password is wrong
	 * @throws StatementExecutionException when the server refuses the change
	 * @throws IoTDBConnectionException when no node can be reached
	 */
	public static void changePassword(TableSessionConfig config, String newPassword) {
		if (newPassword == null || newPassword.isEmpty()) {
			throw new IllegalArgumentException("the new password must not be empty");
		}
		if (newPassword.indexOf('\'') >= 0 || newPassword.indexOf('\\') >= 0) {
			throw new IllegalArgumentException("the new password must not hold a quote or backslash");
		}
		String user = "`" + config.getUsername().replace("`", "``") + "`";
		try (RpcTableSession session = RpcTableSession.open(config, RpcTableSession.TREE_DIALECT)) {
			session.executeNonQueryStatement("ALTER USER " + user + " SET PASSWORD '" + newPassword + "'");
		}
		catch (AuthenticationException ex) {
			// refused at login, before the statement: the message holds no password
			throw ex;
		}
		catch (StatementExecutionException ex) {
			// the server's message may quote the statement, and with it the password
			throw new StatementExecutionException(ex.getStatusCode(),
					"changing the password of " + config.getUsername() + " was refused", ex.isTransient());
		}
	}

}
