package dev.cachet.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores an {@link Instant} as a {@code TIMESTAMP WITH TIME ZONE} in UTC. JPA 3.1 (EclipseLink 4)
 * has no mapping of its own for {@code Instant}: without this converter it falls back to Java
 * serialization into a binary column, which is what the 0.1.0 schema held.
 */
@Converter
public class UtcInstant implements AttributeConverter<Instant, OffsetDateTime> {

  @Override
  public OffsetDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
