export const HELP = `mote - drive a MicroPython board on a serial port with Mote's device engine

Usage: mote --port PATH [options] COMMAND [ARGS]

Commands (board paths start with ':'; relative ones are taken from the board's working folder):
  ls [-r] [:DIR]             list a folder (default: the working folder); -r lists the whole tree
  cp [-f] LOCAL :REMOTE      upload a file; an existing board folder or a trailing '/' keeps the file's name;
                             a file the board already holds unchanged is not sent again (-f sends it anyway)
  cp :REMOTE LOCAL           download a file (into LOCAL if it is a folder)
  cp -r DIR :DIR             sync: upload the files of DIR that are new or changed into the board folder;
                             --dry-run lists the plan and changes nothing; --delete also removes board files
                             that DIR does not have
  cp -r :DIR LOCAL           download a board folder
  rm [-r] :PATH              remove a file (-r: a folder and everything in it)
  mkdir :PATH                make a folder (boards with folders only)
  exec CODE                  run Python source given on the command line, printing its output
  run FILE                   run a local Python file on the board without saving it
  repl                       the board's interactive prompt; Ctrl-] leaves, Ctrl-C and Ctrl-D go to the board

Options:
  -p, --port PATH            serial port: /dev/ttyACM0, /dev/ttyUSB0, COM3 ... (or set MOTE_PORT)
  -b, --baud N               baud rate (default 115200)
  --pace[=BYTES/MS]          write in small chunks with pauses, for boards that drop fast input
                             (default 32/2; a BBC micro:bit is detected by its USB id and paced anyway)
  --no-pace                  never pace, even for a detected micro:bit
  --progress                 transfer progress on stderr even when it is not a terminal
  -h, --help                 this text
  -V, --version              the version

Exit status: 0 done; 1 failed (one line on stderr says why; a program's traceback is printed as it comes);
2 wrong usage; 130 interrupted.

Examples:
  mote -p /dev/ttyACM0 cp main.py :
  mote -p /dev/ttyACM0 cp -r --dry-run src :/lib
  mote -p /dev/ttyACM0 exec "import os; print(os.listdir())"
`;
