from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor

def worker(num):
    """작업"""
    return num * num

# 멀티스레딩 사용 예제
def multithreading_example():
    with ThreadPoolExecutor() as executor:
        # 작업 분산 및 결과 처리
        result = executor.map(worker, [1, 2, 3, 4, 5])
        print(list(result))

# 병렬 처리 사용 예제
def parallel_processing_example():
    with ProcessPoolExecutor() as executor:
        # 작업 분산 및 결과 처리
        result = executor.map(worker, [1, 2, 3, 4, 5])
        print(list(result))

# 예제 실행
multithreading_example()
parallel_processing_example()
