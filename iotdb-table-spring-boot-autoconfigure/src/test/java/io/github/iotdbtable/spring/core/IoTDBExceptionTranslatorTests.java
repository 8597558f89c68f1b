package io.github.iotdbtable.spring.core;

import io.github.iotdbtable.client.StatementExecutionException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class IoTDBExceptionTranslatorTests {

	private final IoTDBExceptionTranslator translator = new IoTDBExceptionTranslator();

	@Test
	void aRefusedStatementsPasswordIsMaskedInTheMessage() {
		DataAccessException translated = this.translator.translate("execute", "CREATE USER u 'S3cret-pw'",
				new StatementExecutionException(551, "user u already exists"));
		assertThat(translated).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(translated.getMessage()).isEqualTo("execute [CREATE USER u '***']; 551: user u already exists");
	}

	@Test
	void aBadStatementKeepsItsSqlMasked() {
		DataAccessException translated = this.translator.translate("execute", "ALTER USER u SET PASSWORD 'S3cret-pw' x",
				new StatementExecutionException(700,
						"line 1:40 mismatched input 'x', in ALTER USER u SET PASSWORD 'S3cret-pw' x"));
		assertThat(translated).isInstanceOf(BadSqlGrammarException.class);
		assertThat(translated.getMessage()).doesNotContain("S3cret");
		assertThat(((BadSqlGrammarException) translated).getSql()).isEqualTo("ALTER USER u SET PASSWORD '***' x");
	}

}
