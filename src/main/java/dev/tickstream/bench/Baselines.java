package dev.tickstream.bench;

import dev.tickstream.loadtest.Samples;
import com.google.protobuf.CodedOutputStream;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What other encodings of exactly the same views would cost, for a sample of clients:
 * <ul>
 *   <li>{@code full_protobuf}: every entity in view each snapshot, one protobuf message per
 *       entity with a tag per field and float positions (no delta, no quantized grid);
 *   <li>{@code json}: the same as JSON text, as many web games send;
 *   <li>{@code schema_patch_float32}: the common schema-patch approach of Node game servers:
 *       per snapshot, the fields that changed since the previous one, each as a one-byte field
 *       tag and a float32, an entity reference (two bytes) per changed entity, entities that
 *       appear in full and a two-byte removal for those that vanish.
 * </ul>
 */
final class Baselines {
  static final List<String> FIELDS = List.of("kind", "x", "y", "vx", "vy", "aim", "hp",
      "score", "deaths", "owner", "spawn_tick", "heading");
  /** Fields a baseline sends: all but the rates, which only the dead-reckoning codec uses. */
  static final boolean[] SENT = {true, true, true, false, false, true, true, true, true, true,
      true, true};
  static final boolean[] PLAYER = {true, true, true, false, false, true, true, true, true,
      false, false, false};
  static final int SCALE = 2;

  private final int sampleClients;
  private final Samples fullBytes = new Samples();
  private final Samples jsonBytes = new Samples();
  private final Samples patchBytes = new Samples();
  private final Map<Integer, long[]> totals = new HashMap<>();
  private final Map<Integer, Map<Integer, int[]>> previous = new HashMap<>();
  private final Map<Integer, Integer> snapshots = new HashMap<>();

  Baselines(int sampleClients) {
    this.sampleClients = sampleClients;
  }

  void observe(int client, int tick, EntityTable state, int[] rows, int n, int frameBytes) {
    if (client >= sampleClients) {
      return;
    }
    int full = 5;
    JsonArray entities = new JsonArray();
    int patch = 1;
    Map<Integer, int[]> before = previous.getOrDefault(client, Map.of());
    Map<Integer, int[]> now = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int r = rows == null ? i : rows[i];
      int id = state.id(r);
      int[] v = new int[FIELDS.size()];
      for (int f = 0; f < v.length; f++) {
        v[f] = state.get(r, f);
      }
      now.put(id, v);
      String name = state.name(r);
      full += fullEntitySize(id, v, name);
      entities.add(jsonEntity(id, v, name));
      int[] old = before.get(id);
      if (old == null) {
        patch += 2 + (name == null ? 0 : 2 + name.getBytes(StandardCharsets.UTF_8).length);
        for (int f = 0; f < v.length; f++) {
          patch += SENT[f] && v[f] != 0 ? 5 : 0;
        }
      } else {
        int changed = 0;
        for (int f = 0; f < v.length; f++) {
          changed += SENT[f] && v[f] != old[f] ? 1 : 0;
        }
        patch += changed == 0 ? 0 : 2 + 5 * changed;
      }
    }
    for (Integer id : before.keySet()) {
      patch += now.containsKey(id) ? 0 : 2;
    }
    previous.put(client, now);
    int json = new JsonObject().put("tick", tick).put("entities", entities).encode()
        .getBytes(StandardCharsets.UTF_8).length;
    fullBytes.add(full);
    jsonBytes.add(json);
    patchBytes.add(patch);
    long[] t = totals.computeIfAbsent(client, k -> new long[4]);
    t[0] += frameBytes;
    t[1] += full;
    t[2] += json;
    t[3] += patch;
    snapshots.merge(client, 1, Integer::sum);
  }

  private static int fullEntitySize(int id, int[] v, String name) {
    int size = CodedOutputStream.computeUInt32Size(1, id);
    for (int f = 0; f < v.length; f++) {
      if (v[f] == 0 || !SENT[f]) {
        continue;
      }
      boolean position = f == 1 || f == 2;
      size += position ? CodedOutputStream.computeFloatSize(f + 2, v[f] / (float) SCALE)
          : CodedOutputStream.computeSInt32Size(f + 2, v[f]);
    }
    if (name != null) {
      size += CodedOutputStream.computeStringSize(20, name);
    }
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  private static JsonObject jsonEntity(int id, int[] v, String name) {
    JsonObject e = new JsonObject().put("id", id);
    boolean player = v[0] == 1;
    for (int f = 0; f < v.length; f++) {
      boolean relevant = SENT[f] && (f <= 2 || PLAYER[f] == player);
      if (relevant) {
        e.put(FIELDS.get(f), f == 1 || f == 2 ? v[f] / (double) SCALE : v[f]);
      }
    }
    if (name != null) {
      e.put("name", name);
    }
    return e;
  }

  /** Per-client-per-second medians over the sampled clients, and per-snapshot sizes. */
  JsonObject json(int tickRate, double tickstreamPerClientPerS) {
    Samples[] perSecond = {new Samples(), new Samples(), new Samples(), new Samples()};
    totals.forEach((client, t) -> {
      double seconds = snapshots.get(client) / (double) tickRate;
      for (int i = 0; i < 4; i++) {
        perSecond[i].add(t[i] / seconds);
      }
    });
    double ours = perSecond[0].percentile(0.5);
    JsonObject j = new JsonObject().put("sampled_clients", totals.size());
    j.put("full_protobuf", entry(perSecond[1], fullBytes, ours));
    j.put("json", entry(perSecond[2], jsonBytes, ours));
    j.put("schema_patch_float32", entry(perSecond[3], patchBytes, ours));
    return j;
  }

  private static JsonObject entry(Samples perSecond, Samples perSnapshot, double ours) {
    double theirs = perSecond.percentile(0.5);
    return new JsonObject()
        .put("bytes_per_client_per_s", perSecond.json())
        .put("snapshot_bytes", perSnapshot.json())
        .put("tickstream_share", ours == 0 || theirs == 0 ? null : Samples.round(ours / theirs));
  }
}
