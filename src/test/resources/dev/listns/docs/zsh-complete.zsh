# zsh -f zsh-complete.zsh DIR LINE: the matches zsh offers for LINE<Tab> with the completion functions
# in DIR, one "MATCH:..." a line. Completion needs a line editor, hence an interactive zsh on a pty.
zmodload zsh/zpty zsh/datetime
zpty z COMPLETION_DIR=${(q)1} zsh -f -i
zpty -w z "source ${(q)${0:A:h}}/zsh-init.zsh"
zpty -w -n z "$2"$'\t'
local out chunk
float deadline=$(( EPOCHREALTIME + 20 ))
# What the completion printed lies between the two NUL frames.
while [[ $out != *$'\0'*$'\0'* ]]; do
  if zpty -r -t z chunk; then
    out+=$chunk
  elif (( EPOCHREALTIME > deadline )); then
    print -u2 -r -- "no completion within 20 s; the shell said: $out"
    zpty -d z
    exit 1
  else
    sleep 0.02
  fi
done
zpty -d z
print -r -- "${${out#*$'\0'}%$'\0'*}" | tr -d '\r'
