// The topic ids of the labelling guide (Rules/README.md), in its order. An id is stable:
// rules, labels and reports all use these.

/// The known topic ids.
public enum Topics {
  public static let ids: [String] = [
    "new-employment", "skills-contest", "legal-aid", "recuperation", "volunteer-service", "wage-bargaining",
    "model-workers", "worker-stations", "union-building", "health-care", "training-education", "culture-sports",
    "employment-services", "labor-relations", "hardship-relief",
  ]

  /// Position of `id` in the labelling guide's order (unknown ids sort last, by name).
  public static func order(_ id: String) -> Int { ids.firstIndex(of: id) ?? ids.count }
}
