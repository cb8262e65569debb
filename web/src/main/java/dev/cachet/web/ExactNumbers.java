package dev.cachet.web;

import dev.cachet.error.InvalidRequestException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.RecordComponent;

/**
 * A signer signs exactly what it was asked: every whole-number field of a request record is a JSON
 * integer in plain notation within the field's Java range, or the request is 400 {@code
 * INVALID_NUMBER} naming the field. JSON-B alone would coerce: wrap 2^64 + 28 to 28, truncate 31.9
 * to 31, read {@code 1e400} as 0 and the string {@code "33"} as 33. Checked on the parsed JSON-P
 * object before binding, with {@link JsonNumber#longValueExact()} and {@link
 * JsonNumber#intValueExact()}.
 */
final class ExactNumbers {

  private ExactNumbers() {}

  /** Refuses {@code object} unless each of {@code type}'s long and int fields is exact. */
  static void check(JsonObject object, Class<?> type) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      Class<?> field = component.getType();
      boolean isLong = field == Long.class || field == long.class;
      boolean isInt = field == Integer.class || field == int.class;
      JsonValue value = object.get(component.getName());
      if ((!isLong && !isInt)
          || value == null
          || value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
      String name = component.getName();
      if (!(value instanceof JsonNumber number)) {
        throw invalid(name, "must be a JSON number, not " + value.getValueType());
      }
      String text = number.toString();
      if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
        throw invalid(name, "must be a whole number without fraction or exponent, not " + text);
      }
      try {
        if (isLong) {
          number.longValueExact();
        } else {
          number.intValueExact();
        }
      } catch (ArithmeticException e) {
        throw invalid(
            name,
            "is out of range: at most "
                + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE)
                + ", got "
                + text);
      }
    }
  }

  private static InvalidRequestException invalid(String field, String why) {
    return new InvalidRequestException("INVALID_NUMBER", field + " " + why);
  }
}
