package dev.cachet.web;

import dev.cachet.error.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A signer signs exactly what it was asked: every whole-number field of a request record is a JSON
 * integer in plain notation within the field's Java range, or the request is 400 {@code
 * INVALID_NUMBER} naming the field. JSON-B alone would coerce: wrap 2^64 + 28 to 28, truncate 31.9
 * to 31, read {@code 1e400} as 0 and the string {@code "33"} as 33. Checked on the parsed JSON-P
 * object before binding, with {@link JsonNumber#longValueExact()} and {@link
 * JsonNumber#intValueExact()}. Records nested in a field, or in a list field, are checked alike,
 * the field named by its path ({@code members[2].stake}).
 */
final class ExactNumbers {

  private ExactNumbers() {}

  /** Refuses {@code object} unless each of {@code type}'s long and int fields is exact. */
  static void check(JsonObject object, Class<?> type) {
    check(object, type, "");
  }

  private static void check(JsonObject object, Class<?> type, String path) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      Class<?> field = component.getType();
      JsonValue value = object.get(component.getName());
      String name = path + component.getName();
      Class<?> elements = recordElements(component);
      if (field.isRecord() && value instanceof JsonObject nested) {
        check(nested, field, name + ".");
      } else if (elements != null && value instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          if (array.get(i) instanceof JsonObject element) {
            check(element, elements, name + "[" + i + "].");
          }
        }
      }
      boolean isLong = field == Long.class || field == long.class;
      boolean isInt = field == Integer.class || field == int.class;
      if ((!isLong && !isInt)
          || value == null
          || value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
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

  /** The record type of a {@code List<R>} component's elements, or null. */
  private static Class<?> recordElements(RecordComponent component) {
    if (List.class.isAssignableFrom(component.getType())
        && component.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()) {
      return element;
    }
    return null;
  }
}
