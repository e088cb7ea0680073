print("serve-bench: not yet")
