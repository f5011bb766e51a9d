import threading

def worker():
    """스레드에서 실행할 작업"""
    print("스레드에서 실행")

# 스레드 생성
t = threading.Thread(target=worker)

# 스레드 시작
t.start()

# 스레드 종료 대기
t.join()

print("메인 스레드에서 실행")
