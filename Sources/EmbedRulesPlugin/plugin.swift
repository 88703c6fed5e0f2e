// A build-tool plugin that embeds the package's Rules/ folder in the
// command line, so a built `ruletag` has the shipped rules when no other
// rules are found (see RulesLocator).
//
// It runs `ruletag-embed-rules`, which writes one Swift file holding every
// file of Rules/ (its path below the folder and its bytes). The folder and
// each file in it are the command's inputs, so an edited, added or removed
// rule file regenerates the embedded set on the next build.

import Foundation
import PackagePlugin

@main
struct EmbedRulesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let rules = context.package.directoryURL.appendingPathComponent("Rules")
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRules.swift")
    let names = (FileManager.default.enumerator(atPath: rules.path)?.allObjects as? [String]) ?? []
    let files = names.sorted().map { rules.appendingPathComponent($0) }.filter { url in
      var isDir: ObjCBool = false
      return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
    }
    return [
      .buildCommand(
        displayName: "Embedding \(files.count) files of Rules/",
        executable: try context.tool(named: "ruletag-embed-rules").url,
        arguments: [rules.path, output.path],
        inputFiles: [rules] + files,
        outputFiles: [output])
    ]
  }
}
