// SCAFFOLD: replaced by the inspect command.
return 0;
