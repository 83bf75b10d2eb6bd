import type { Command } from './command';

const GLOBAL_FLAGS = ['--json', '--help'];

/** Completion for the command words and each command's flags, generated from the command table. */
export function completionScript(shell: 'bash' | 'zsh', commands: readonly Command[]): string {
  const tops = [...new Set(commands.map((command) => command.name[0]!))];
  const cases = commands.map((command) => {
    const flags = [...Object.keys(command.options).map((name) => `--${name}`), ...GLOBAL_FLAGS].join(' ');
    return `    "${command.name.join(' ')}") flags="${flags}" ;;`;
  });
  const subcommands = tops
    .filter((top) => commands.some((command) => command.name[0] === top && command.name.length > 1))
    .map((top) => `    ${top}) words="${commands.filter((c) => c.name[0] === top).map((c) => c.name[1]).join(' ')}" ;;`);
  const body = `_postdeck() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local first="\${COMP_WORDS[1]}" second="\${COMP_WORDS[2]}"
  local words="" flags=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${tops.join(' ')}"
  elif [ "$COMP_CWORD" -eq 2 ]; then
    case "$first" in
${subcommands.join('\n')}
    esac
  fi
  case "$first $second" in
${cases.join('\n')}
  esac
  case "$first" in
${cases.filter((line) => /^ {4}"[^ "]+"\)/.test(line)).join('\n')}
  esac
  if [[ "$cur" == -* ]]; then words="$flags"; fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  [ \${#COMPREPLY[@]} -eq 0 ] && [[ "$cur" != -* ]] && COMPREPLY=( $(compgen -f -- "$cur") )
  return 0
}
`;
  if (shell === 'bash') return `# postdeck completion for bash: source this file, or save it in bash-completion's completions folder.\n${body}complete -F _postdeck postdeck\n`;
  return `#compdef postdeck\n# postdeck completion for zsh: save as _postdeck in a folder on $fpath, or source it after compinit.\nautoload -U +X bashcompinit && bashcompinit\n${body}complete -F _postdeck postdeck\n`;
}
