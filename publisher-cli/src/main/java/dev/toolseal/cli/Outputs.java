package dev.toolseal.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes result files: new files only, unless the command was given {@code --force}. */
final class Outputs {
  private Outputs() {}

  static void write(Path file, byte[] bytes, boolean force) throws CommandFailure {
    try {
      if (force) {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
      } else {
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CommandFailure(ExitCode.IO,
          Inputs.show(file) + " exists; not overwritten (use --force)", e);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot write " + Inputs.show(file) + ": "
          + e.getClass().getSimpleName(), e);
    }
  }
}
