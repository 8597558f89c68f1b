package io.github.iotdbtable.client.rpc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The status the server attaches to every answer ({@code TSStatus}).
 *
 * @param code the status code
 * @param message the server's message, if any
 * @param subStatus the statuses of the parts of a multi-part request (code 302)
 * @param redirectNode the node the server recommends for this data, if any
 * @param needRetry whether the server marks the failure as transient
 */
public record Status(int code, @Nullable String message, List<Status> subStatus, @Nullable Endpoint redirectNode,
		boolean needRetry) {

	public static final int SUCCESS = 200;

	public static final int MULTIPLE_ERROR = 302;

	public static final int REDIRECTION_RECOMMEND = 400;

	/** The statuses of nothing but a code, made once per code. */
	private static final @Nullable Status[] BARE = new Status[2048];

	public Status {
		subStatus = List.copyOf(subStatus);
	}

	/** Whether {@link #ofCode(int)} shares the status of a code. */
	static boolean isShared(int code) {
		return code >= 0 && code < BARE.length;
	}

	/**
	 * The status of nothing but a code, shared for the codes {@link #isShared(int)}
	 * allows: its fields are final, so a race only makes it twice.
	 */
	static Status ofCode(int code) {
		if (!isShared(code)) {
			return new Status(code, null, List.of(), null, false);
		}
		Status status = BARE[code];
		if (status == null) {
			status = new Status(code, null, List.of(), null, false);
			BARE[code] = status;
		}
		return status;
	}

	/**
	 * Whether the request succeeded. A redirection recommendation is a success (the data
	 * was written), and so is a multi-part status whose parts all succeeded.
	 * @return whether the request succeeded
	 */
	public boolean isSuccess() {
		if (this.code == SUCCESS || this.code == REDIRECTION_RECOMMEND) {
			return true;
		}
		if (this.code != MULTIPLE_ERROR || this.subStatus.isEmpty()) {
			return false;
		}
		for (Status sub : this.subStatus) {
			if (!sub.isSuccess()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The first failed part of a multi-part status, or this status itself.
	 * @return the status that describes the failure
	 */
	public Status firstFailure() {
		if (this.code == MULTIPLE_ERROR) {
			for (Status sub : this.subStatus) {
				if (!sub.isSuccess()) {
					return sub.firstFailure();
				}
			}
		}
		return this;
	}

}
