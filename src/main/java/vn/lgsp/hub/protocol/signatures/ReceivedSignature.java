package vn.lgsp.hub.protocol.signatures;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One signature as a message carries it (RFC 9421, section 4): a member of {@code Signature-Input} (the covered
 * components and the parameters) and the member of {@code Signature} with the same label (the signature's bytes).
 * A component may carry the parameter {@code req} (section 2.4: the request's component, in an answer's
 * signature), listed as {@code name;req}; other component parameters ({@code "@query-param";name="a"}) are not
 * supported and make the signature unreadable: the hub neither makes nor needs them.
 *
 * @param label the members' label, e.g. {@code sig1}
 * @param components the covered components' names, in order
 * @param parameters the member of {@code Signature-Input} after the label, as received: the value of
 *     {@code @signature-params} in the base
 * @param created the {@code created} parameter (seconds since the epoch), or null
 * @param keyId the {@code keyid} parameter, or null
 * @param algorithm the {@code alg} parameter, or null
 * @param expires the {@code expires} parameter (seconds since the epoch), or null
 * @param value the signature's bytes
 * @param encoded the member of {@code Signature} as received ({@code :Base64:})
 */
public record ReceivedSignature(String label, List<String> components, String parameters, Long created, Long expires,
    String keyId, String algorithm, byte[] value, String encoded) {

  public ReceivedSignature {
    components = List.copyOf(components);
  }

  /**
   * The signature labelled {@code label}, or the first one of {@code signatureInput} when {@code label} is null;
   * empty when the fields hold none.
   *
   * @throws IllegalArgumentException when the members are not well formed or {@code Signature} lacks the label
   */
  public static Optional<ReceivedSignature> find(String signatureInput, String signature, String label) {
    if (signatureInput == null || signatureInput.isBlank()) {
      return Optional.empty();
    }
    Map<String, String> inputs = members(signatureInput);
    String chosen = label != null ? label : inputs.keySet().stream().findFirst().orElse(null);
    String input = chosen == null ? null : inputs.get(chosen);
    if (input == null) {
      return Optional.empty();
    }
    String bytes = signature == null ? null : members(signature).get(chosen);
    if (bytes == null || bytes.length() < 2 || bytes.charAt(0) != ':' || bytes.charAt(bytes.length() - 1) != ':') {
      throw new IllegalArgumentException("Signature has no byte sequence labelled " + chosen);
    }
    byte[] value = Base64.getDecoder().decode(bytes.substring(1, bytes.length() - 1));
    return Optional.of(parse(chosen, input, value, bytes));
  }

  /** The signature base (RFC 9421, section 2.5) with each covered component's value from {@code values}. */
  public byte[] base(Function<String, String> values) {
    SignatureBase base = SignatureBase.received(parameters);
    for (String component : components) {
      String value = values.apply(component);
      if (value == null) {
        throw new IllegalArgumentException("the covered component " + component + " is not in the message");
      }
      base.cover(component, value);
    }
    return base.bytes();
  }

  /** The signature as the exchange record keeps it, as received: {@code label=(…);params :bytes:}. */
  public String forRecord() {
    return label + "=" + parameters + " " + encoded;
  }

  private static ReceivedSignature parse(String label, String input, byte[] value, String encoded) {
    if (!input.startsWith("(")) {
      throw new IllegalArgumentException("a Signature-Input member is an inner list");
    }
    int close = input.indexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("the inner list is not closed");
    }
    List<String> components = new ArrayList<>();
    for (String item : input.substring(1, close).trim().split(" +")) {
      if (item.isEmpty()) {
        continue;
      }
      if (item.endsWith("\";req")) {
        String name = item.substring(0, item.length() - SignatureBase.REQ.length());
        if (name.length() < 3 || name.charAt(0) != '"' || name.substring(1, name.length() - 1).indexOf('"') >= 0) {
          throw new IllegalArgumentException("a covered component is a plain string: " + item);
        }
        components.add(name.substring(1, name.length() - 1) + SignatureBase.REQ);
        continue;
      }
      if (item.length() < 3 || item.charAt(0) != '"' || item.charAt(item.length() - 1) != '"'
          || item.substring(1, item.length() - 1).indexOf('"') >= 0) {
        throw new IllegalArgumentException("a covered component is a plain string: " + item);
      }
      components.add(item.substring(1, item.length() - 1));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String rest = input.substring(close + 1);
    while (!rest.isEmpty()) {
      if (rest.charAt(0) != ';') {
        throw new IllegalArgumentException("a parameter starts with ';'");
      }
      int equals = rest.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("a signature parameter has a value");
      }
      String name = rest.substring(1, equals);
      int end;
      String parameter;
      if (rest.length() > equals + 1 && rest.charAt(equals + 1) == '"') {
        end = rest.indexOf('"', equals + 2);
        if (end < 0) {
          throw new IllegalArgumentException("a string parameter is not closed");
        }
        parameter = rest.substring(equals + 2, end);
        end++;
      } else {
        end = rest.indexOf(';', equals);
        end = end < 0 ? rest.length() : end;
        parameter = rest.substring(equals + 1, end);
      }
      if (parameters.put(name, parameter) != null) {
        throw new IllegalArgumentException("the parameter " + name + " is given twice");
      }
      rest = rest.substring(end);
    }
    return new ReceivedSignature(label, components, input, integer(parameters, "created"), integer(parameters, "expires"),
        parameters.get("keyid"), parameters.get("alg"), value, encoded);
  }

  private static Long integer(Map<String, String> parameters, String name) {
    if (!parameters.containsKey(name)) {
      return null;
    }
    try {
      return Long.parseLong(parameters.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is an integer", e);
    }
  }

  /**
   * The members of a dictionary field (RFC 8941) such as {@code Signature-Input}: split at the commas outside
   * parentheses and quotes, by label. A label given twice is refused: RFC 8941 lets the last win, a reader that
   * took the first would check another value than a conforming one.
   */
  static Map<String, String> members(String dictionary) {
    Map<String, String> members = new LinkedHashMap<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i <= dictionary.length(); i++) {
      char c = i < dictionary.length() ? dictionary.charAt(i) : ',';
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        String member = dictionary.substring(start, i).strip();
        int equals = member.indexOf('=');
        if (equals > 0) {
          if (members.put(member.substring(0, equals).strip(), member.substring(equals + 1)) != null) {
            throw new IllegalArgumentException("a dictionary member is given twice: " + member.substring(0, equals));
          }
        }
        start = i + 1;
      }
    }
    if (quoted || depth != 0) {
      throw new IllegalArgumentException("a string or an inner list is not closed");
    }
    return members;
  }
}
