package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Candidate;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.TextProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens (RFC 7519 compact form): base64url header and payload that both start with
 * {@code {"} (so with {@code eyJ}), and a signature. The header must decode to JSON naming an
 * algorithm or type, which rules out look-alike base64 strings.
 */
public final class JwtRecognizer implements EntityRecognizer {

  public static final String TYPE = "SECRET";
  private static final double SCORE = 0.95;
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.letters() >= 20;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int first = text.indexOf("eyJ");
    if (first < 0 || text.indexOf(".eyJ", first) < 0) {
      return;
    }
    Matcher m = JWT.matcher(text);
    m.region(first, text.length());
    while (m.find()) {
      if (validate(text.subSequence(m.start(), m.end()))) {
        out.add(new Candidate(TYPE, m.start(), m.end(), SCORE));
      }
    }
  }

  @Override
  public boolean validate(CharSequence token) {
    String s = token.toString();
    int dot = s.indexOf('.');
    String header = s.substring(0, dot);
    int usable = header.length() / 4 * 4;
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(header.substring(0, usable)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int sig = s.lastIndexOf('.');
    return (decoded.contains("\"alg\"") || decoded.contains("\"typ\"") || decoded.contains("\"kid\""))
        && !SecretValues.isPlaceholder(s, sig, s.length());
  }
}
