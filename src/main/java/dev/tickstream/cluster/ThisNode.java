package dev.tickstream.cluster;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * This node as the other parts of the cluster package need it: its id, the URLs players and
 * tools reach it at, whether it is draining, and which nodes are members now.
 *
 * <p>Read from any thread: the id and URLs never change, {@code draining} is volatile and the
 * members are the cluster manager's current view.
 */
final class ThisNode {
  private final String id;
  private final String wsUrl;
  private final String httpUrl;
  private final Supplier<? extends Collection<String>> members;
  private volatile boolean draining;

  ThisNode(String id, String wsUrl, String httpUrl,
      Supplier<? extends Collection<String>> members) {
    this.id = id;
    this.wsUrl = wsUrl;
    this.httpUrl = httpUrl;
    this.members = members;
  }

  String id() {
    return id;
  }

  String wsUrl() {
    return wsUrl;
  }

  String httpUrl() {
    return httpUrl;
  }

  boolean draining() {
    return draining;
  }

  /** From now on this node takes no seats and no new rooms; there is no way back. */
  void startDraining() {
    draining = true;
  }

  /**
   * Whether {@code node} is in the cluster now. A node that died keeps its directory entries
   * until a survivor takes them over, so readers of the directory ask this too.
   */
  boolean isMember(String node) {
    return members.get().contains(node);
  }

  Collection<String> members() {
    return members.get();
  }
}
