# Sourced by the interactive zsh that zsh-complete.zsh drives: complete the typed line once, print
# every match, exit.
# Only the directories the completion needs: compinit reads the head of every file in $fpath.
fpath=("$COMPLETION_DIR" ${(M)fpath:#*/Completion(|/Base|/Unix)})
autoload -Uz compinit && compinit -u -D
bindkey '^I' complete-word
frame() { print -rn -- $'\0' }
compprefuncs=(frame)
comppostfuncs=(frame exit)
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
# Every match passes through compadd; a function of that name is found before the builtin.
compadd() {
  # Calls that only ask for matches (-O, -A, -D) are internal to the completion system.
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  local -a hits
  builtin compadd -A hits "$@"
  local hit
  for hit in $hits; do
    print -r -- "MATCH:$hit"
  done
  builtin compadd "$@"
}
