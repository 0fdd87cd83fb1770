package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialAssignmentRecognizerTest {

  private final CredentialAssignmentRecognizer recognizer = new CredentialAssignmentRecognizer();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "password=2bkJgtJDiLcq1t | 2bkJgtJDiLcq1t",
      "x pw=2bkJgtJDiLcq1t | 2bkJgtJDiLcq1t",
      "bypass=1 compass=2 db.pass=Prl23Db#@ | Prl23Db#@",
      "user u token_x=1 DB_PWD=d37Yt1Jnv0-z | d37Yt1Jnv0-z",
      "you use the key ring. PSSWORD:=FlUgeGeHeImEn08 | FlUgeGeHeImEn08",
  })
  void shouldFindNameWhateverHintsSurroundIt(String text, String expected) {
    // keyword hints are found once per text and matched to each name: a hint must lie wholly
    // inside the name, whatever hints occur before, after or across its edges
    assertThat(found(recognizer, text)).containsExactly(expected);
    assertThat(found(recognizer, "Notes: " + text)).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "password=2bkJgtJDiLcq1t | 2bkJgtJDiLcq1t",
      "pwd: Prl23Db#@ | Prl23Db#@",
      "\"password\": \"Prl23Db#@\" | Prl23Db#@",
      "MYSQL_DATABASE_PASSWORD=2IWJD88FH4Y; | 2IWJD88FH4Y",
      "X3_PSWD=d37Yt1Jnv0-z | d37Yt1Jnv0-z",
      "PSSWORD:=FlUgeGeHeImEn08 | FlUgeGeHeImEn08",
      "--password dipPr137Gg! | dipPr137Gg!",
      "#define PASSWORD \"n84ASM54y4\" | n84ASM54y4",
      "easy_setopt(curl, CURLOPT_PASSWORD, \"KiASRCRiGFLPDiIdZZ\"); | KiASRCRiGFLPDiIdZZ",
      "if (password !== \"PaS5w0rD2#\"){ | PaS5w0rD2#",
      "def connect(passwd: str = \"cq2tPr1a2\"): | cq2tPr1a2",
      "<password name=\"db\">cackle!</password> | cackle!",
      "My password is hunter2 | hunter2",
      "curl -X PUT -u \"admin:dG9rZW4g\" https://127.0.0.1 | dG9rZW4g",
      "$p = ConvertTo-SecureString \"4yd21JKH~GE8dkd\" -AsPlainText | 4yd21JKH~GE8dkd",
  })
  void shouldFindPasswordValue(String text, String expected) {
    assertThat(found(recognizer, text)).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ANY_key=AIhq5Xyb1Gga9Q29 | AIhq5Xyb1Gga9Q29",
      "\"AwsSecretKey\": \"J38YmIgn7dH6cw4W1yqoRgjsFsWvysFjfVcpCh7O9Yyv9\", | J38YmIgn7dH6cw4W1yqoRgjsFsWvysFjfVcpCh7O9Yyv9",
      "Authorization: Bearer aMgHAgIKhwLgGq02iQoZI1AQBuOh4cSAQ8B1qA | aMgHAgIKhwLgGq02iQoZI1AQBuOh4cSAQ8B1qA",
      "http://localhost:8888/v1/api/get?token=zUkITxodk63bDVUMwIymb3zK&x=1 | zUkITxodk63bDVUMwIymb3zK",
      "LEGACY_GITHUB_SECRET = \"fa87409ad3a4589fd279c501b3d2e174855ee9f4\" | fa87409ad3a4589fd279c501b3d2e174855ee9f4",
  })
  void shouldFindHighEntropyValueNextToSecretWord(String text, String expected) {
    assertThat(found(recognizer, text)).containsExactly(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "the password is incorrect",
      "password = os.environ.get(\"PASSWORD\")",
      "password: ${DB_PASSWORD}",
      "\"SecretApiKey\": \"string\"",
      "token: String",
      "\"key\": \"attached_file_0\"",
      "password_id = 2938479",
      "apiVersion: bitnami.com/v1alpha1",
      "pwdump=n0NeKreD",
      "\"stopword\": \"FLUGGANK\u20ac\"",
      "bypass=abc123!",
      "std::password::hash",
      "api_key=1234567890abcdefghij",
      "Password for authorization",
      "<input type=\"password\" name=\"password\">",
  })
  void shouldNotFlagReferencesWordsOrNonCredentials(String text) {
    assertThat(found(recognizer, text)).isEmpty();
  }

  @Test
  void shouldNotTreatNextJsonKeyAsValue() {
    assertThat(found(recognizer, "{\"dummy\": \"api-custom-key\", \"c098f218-face-c0fe\": \"x\"}")).isEmpty();
  }

  @Test
  void shouldNotTakeHexNumberLiteralForAPassword() {
    assertThat(found(recognizer, "password = \"0xAb19D82E7f546cC3\"")).isEmpty();
    assertThat(found(recognizer, "password = \"Ab19D82E7f546cC3\"")).containsExactly("Ab19D82E7f546cC3");
  }

  @Test
  void shouldTakePasswordWithParenthesesThatIsNotACall() {
    String text = "easy_setopt(curl, CURLOPT_PROXYPASSWORD, \")d!~ORI8ed7293eg@w8&()\");";
    assertThat(found(recognizer, text)).containsExactly(")d!~ORI8ed7293eg@w8&()");
    assertThat(found(recognizer, "password = getenv(\"DB_PASSWORD\")")).isEmpty();
  }

  @Test
  void shouldFindHardCodedFallbackAfterAnEnvironmentLookup() {
    assertThat(found(recognizer, "PASSWORD = os.environ.get(\"PASSWORD\") or \"at5G6zi!m\""))
        .containsExactly("at5G6zi!m");
    assertThat(found(recognizer, "const password = process.env.getPw(DB) || 'Qw3rty!9x';"))
        .containsExactly("Qw3rty!9x");
    assertThat(found(recognizer, "PASSWORD = os.environ.get(\"PASSWORD\") or \"\"")).isEmpty();
    assertThat(found(recognizer, "password = getenv(\"DB_PASSWORD\") or default_password")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password: <your-password>", "password=changeme", "DB_PASSWORD=${DB_PASSWORD}",
      "password: \"********\"", "password = \"example-password\"", "pwd: xxxxxxxx"})
  void shouldNotReportDocumentationPlaceholderPassword(String text) {
    assertThat(found(recognizer, text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"password: Xk9#mQ2v", "password=wJ7p!Lr2aa", "PW: q8Zt@4nKe"})
  void shouldReportRealLookingPassword(String text) {
    assertThat(found(recognizer, text)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ID/PW: admin/Xk9#mQ2v", "username/password:master/q8Zt@4nKe", "user/pass = ops/wJ7p!Lr2",
      "ID:PW=master:q8Zt@4nKe", "10.0.0.7 id/pw:master/q8Zt@4nKe"})
  void shouldNotReportLoginPairDocumentedAsNameSlashPassword(String text) {
    // a how-to's "ID/PW: name/password" documents a login; the value is a pair, not one credential
    assertThat(found(recognizer, text)).isEmpty();
  }

  @Test
  void shouldReportPasswordAfterSlashWhenItsNameHasItsOwnValue() {
    assertThat(found(recognizer, "username:master/pw:q8Zt@4nKe")).containsExactly("q8Zt@4nKe");
    assertThat(found(recognizer, "host (ID:master/PW:q8Zt@4nKe)")).containsExactly("q8Zt@4nKe");
    assertThat(found(recognizer, "aws/secret: Jq3vK9x/Lm2Np8RtW5yZb")).containsExactly("Jq3vK9x/Lm2Np8RtW5yZb");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-pw q8Zt@4nKe", "--pass q8Zt@4nKe", "--passwd q8Zt@4nKe", "psql -p 5432x"})
  void shouldNotReportAbbreviatedFlagFollowedByBareWord(String text) {
    assertThat(found(recognizer, text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--password q8Zt@4nKe", "-Password q8Zt@4nKe", "--db-passphrase q8Zt@4nKe",
      "--pass=q8Zt@4nKe", "-pw:q8Zt@4nKe", "--token q8Zt4nKeJ7p2Lr9wX5v"})
  void shouldReportSpelledOutOrExplicitlyAssignedFlag(String text) {
    assertThat(found(recognizer, text)).hasSize(1);
  }

  @Test
  void shouldNotReadAKeywordInsideUuencodedData() {
    String uuencoded = "M[@%]PW:2Z.Q?2M^S;`4G?E0C.@V&?0KY]]\"H3Y@6$#I4V*R^\"+B,2P6`A)UL";
    assertThat(uuencoded).hasSize(61);
    assertThat(found(recognizer, uuencoded)).isEmpty();
    // a config line of the same length and alphabet, with few symbols, is still read
    String config = "MYSQL_DATABASE_USER=CRED;MYSQL_DATABASE_PASSWORD=2IWJD88FH4Y;";
    assertThat(config).hasSize(61);
    assertThat(found(recognizer, config)).containsExactly("2IWJD88FH4Y");
  }

  @Test
  void shouldFindWeChatAppSecretOnlyWhereItsNameAnnouncesIt() {
    // an AppSecret is 32 bare hex digits, like any MD5: only a name tells it from a checksum
    String hex = Long.toHexString(0x9f3c2a7d41b8e650L) + Long.toHexString(0x2d7e91c4a3f0b587L);
    assertThat(found(recognizer, "\"appsecret\": \"" + hex + "\"")).containsExactly(hex);
    assertThat(found(recognizer, "WECHAT_APP_SECRET=" + hex)).containsExactly(hex);
    assertThat(found(recognizer, "md5sum: " + hex)).isEmpty();
  }
}
