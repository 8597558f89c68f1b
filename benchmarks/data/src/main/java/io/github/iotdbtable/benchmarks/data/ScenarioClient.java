package io.github.iotdbtable.benchmarks.data;

/**
 * What a client must do for the ingest and query scenarios; {@link ScenarioRunner} does
 * the rest the same way for every client.
 */
// close() passes on whatever the client library's close throws, interrupts included
@SuppressWarnings("try")
public interface ScenarioClient extends AutoCloseable {

	/** Runs a statement through the client's session. */
	void execute(String sql) throws Exception;

	/** Writes one batch of narrow rows through the client's session. */
	void insertNarrow(String table, NarrowData data, int batch) throws Exception;

	/** Writes one batch of wide rows through the client's session. */
	void insertWide(String table, WideData.Batch batch) throws Exception;

	/**
	 * Opens the client's session pool.
	 * @param size the pool size
	 * @return a writer that borrows a session for each batch
	 */
	PoolWriter openPool(int size) throws Exception;

	/**
	 * Reads every value of a narrow table with typed getters.
	 * @return the rows read
	 */
	long scan(String table) throws Exception;

	/** Writes batches through a pool, any number of threads at once. */
	interface PoolWriter extends AutoCloseable {

		/**
		 * Borrows a session, writes one batch of narrow rows, and gives the session back.
		 */
		void insertNarrow(String table, NarrowData data, int batch) throws Exception;

	}

}
