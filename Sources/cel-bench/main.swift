import CEL

print("cel-bench: not yet implemented")
