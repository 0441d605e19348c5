# bash bash-complete.sh SCRIPT WORD...: the matches the completion SCRIPT offers for the last WORD,
# one "MATCH:..." a line, as bash would compute them on Tab.
source "$1"
shift
# Outside a real completion, compopt only complains.
compopt() { :; }
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_complete_listns
printf 'MATCH:%s\n' "${COMPREPLY[@]}"
